package org.dynnd.governor.sim;

import java.util.List;
import org.dynnd.governor.control.Objective;

/**
 * A simulation scenario: how long, how busy, which budgets when, what interference when, how
 * noisy the sensors. Budgets and load may be given relative to the board (so one scenario file
 * serves every board): {@code latencyX} times the fastest full-model latency, {@code powerX}
 * as a position between the least average power of any operating point (0) and the average
 * power of the full model at maximum performance (1), {@code energyX} times the
 * least energy per inference of the full model, {@code load} as a share of the fastest
 * full-model throughput.
 *
 * @param name short name
 * @param description what the scenario exercises
 * @param periods number of control periods
 * @param periodMs length of a period, in ms
 * @param load request rate as a share of the fastest full-model throughput (0..1)
 * @param accuracyPercent the model's top-1 accuracy per k = 1..G (G = its length)
 * @param budgets budget changes, in period order; the first must start at period 0
 * @param interference slow-down changes per unit, in period order
 * @param noise measurement noise
 * @param sensorGaps periods without a power reading
 * @param settleWindow periods after each change not counted in the violation shares
 */
public record Scenario(String name, String description, int periods, double periodMs, double load,
        double[] accuracyPercent, List<BudgetStep> budgets, List<InterferenceStep> interference, Noise noise,
        List<SensorGap> sensorGaps, int settleWindow) {

    /**
     * A budget; absolute and relative forms of one constraint are exclusive; NaN means absent.
     *
     * @param latencyMs absolute latency budget per inference, in ms
     * @param latencyX latency budget as a multiple of the board's fastest full-model latency
     * @param energyMj absolute energy budget per inference, in mJ
     * @param energyX energy budget as a multiple of the least full-model energy per inference
     * @param powerW absolute power cap, in W
     * @param powerX power cap between the board's least average power (0) and its full-model
     *     maximum-performance average power (1)
     * @param minAccuracyPercent accuracy floor, in percent
     * @param objective what to optimise
     */
    public record BudgetSpec(double latencyMs, double latencyX, double energyMj, double energyX, double powerW,
            double powerX, double minAccuracyPercent, Objective objective) {

        public BudgetSpec {
            exclusive("latency", latencyMs, latencyX);
            exclusive("energy", energyMj, energyX);
            exclusive("power", powerW, powerX);
            if (objective == null) {
                throw new IllegalArgumentException("a budget needs an objective (max-accuracy or min-energy)");
            }
        }

        private static void exclusive(String what, double absolute, double relative) {
            if (!Double.isNaN(absolute) && !Double.isNaN(relative)) {
                throw new IllegalArgumentException(what + ": give the absolute or the relative value, not both");
            }
            for (double v : new double[] {absolute, relative}) {
                if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
                    throw new IllegalArgumentException(what + " budget must be positive, got " + v);
                }
            }
        }
    }

    /**
     * From {@code atPeriod} on, the budget is {@code budget}; with {@code rampPeriods} above 0 the
     * numeric limits move linearly from the previous budget to this one over that many periods.
     */
    public record BudgetStep(int atPeriod, int rampPeriods, BudgetSpec budget) {
        public BudgetStep {
            if (atPeriod < 0 || rampPeriods < 0) {
                throw new IllegalArgumentException("budget step: period and ramp must not be negative");
            }
        }
    }

    /** The unit name that means "the unit where the full model runs fastest" (the big cluster, the GPU). */
    public static final String FASTEST_UNIT = "fastest";

    /**
     * From {@code atPeriod} on, inference on {@code unit} (a unit name, or a portable name of
     * {@link UnitNames}: fastest, slowest, big, little, gpu) is slowed by {@code latencyFactor} and
     * draws {@code powerFactor} times its profiled power; with {@code rampPeriods} above 0 the
     * factors move linearly from their previous values over that many periods.
     */
    public record InterferenceStep(int atPeriod, int rampPeriods, String unit, double latencyFactor,
            double powerFactor) {
        public InterferenceStep {
            if (atPeriod < 0 || rampPeriods < 0) {
                throw new IllegalArgumentException("interference step: period and ramp must not be negative");
            }
            if (!(latencyFactor > 0 && powerFactor > 0)) {
                throw new IllegalArgumentException("interference step at period " + atPeriod
                        + ": factors must be positive, got " + latencyFactor + " and " + powerFactor);
            }
        }
    }

    /**
     * Measurement noise, and the preemptions of a shared machine.
     *
     * @param latencySigma standard deviation of the log of each inference's latency
     * @param powerSigma standard deviation of the log of each power reading
     * @param spikeProbability probability that an inference is preempted (0: never)
     * @param spikeX how long a preemption holds an inference up, times the board's fastest
     *     full-model latency (the same milliseconds at any operating point: another task runs)
     */
    public record Noise(double latencySigma, double powerSigma, double spikeProbability, double spikeX) {
        public Noise {
            if (!(latencySigma >= 0 && powerSigma >= 0 && latencySigma < 1 && powerSigma < 1)) {
                throw new IllegalArgumentException("noise sigmas must be within [0, 1), got " + latencySigma + " and "
                        + powerSigma);
            }
            if (!(spikeProbability >= 0 && spikeProbability < 1 && spikeX >= 0 && spikeX <= 100)) {
                throw new IllegalArgumentException("spike probability must be within [0, 1) and spikeX within [0, 100],"
                        + " got " + spikeProbability + " and " + spikeX);
            }
        }

        /** Log-normal noise without preemptions. */
        public Noise(double latencySigma, double powerSigma) {
            this(latencySigma, powerSigma, 0, 0);
        }
    }

    /** Periods {@code fromPeriod} (inclusive) to {@code toPeriod} (exclusive) have no power reading. */
    public record SensorGap(int fromPeriod, int toPeriod) {
        public SensorGap {
            if (fromPeriod < 0 || toPeriod <= fromPeriod) {
                throw new IllegalArgumentException("sensor gap must span at least one period, got " + fromPeriod + ".."
                        + toPeriod);
            }
        }
    }

    public Scenario {
        budgets = List.copyOf(budgets);
        interference = List.copyOf(interference);
        sensorGaps = List.copyOf(sensorGaps);
        accuracyPercent = accuracyPercent.clone();
        if (periods < 1 || !(periodMs > 0) || !(load > 0 && load <= 1) || settleWindow < 0) {
            throw new IllegalArgumentException("scenario " + name + ": periods >= 1, periodMs > 0, load in (0, 1] and"
                    + " settleWindow >= 0 are required");
        }
        if (budgets.isEmpty() || budgets.get(0).atPeriod() != 0) {
            throw new IllegalArgumentException("scenario " + name + ": the first budget must start at period 0");
        }
        for (int i = 1; i < budgets.size(); i++) {
            if (budgets.get(i).atPeriod() <= budgets.get(i - 1).atPeriod()) {
                throw new IllegalArgumentException("scenario " + name + ": budget steps must be in increasing period order");
            }
        }
        for (int i = 1; i < interference.size(); i++) {
            if (interference.get(i).atPeriod() < interference.get(i - 1).atPeriod()) {
                throw new IllegalArgumentException("scenario " + name + ": interference steps must be in period order");
            }
        }
        if (accuracyPercent.length == 0) {
            throw new IllegalArgumentException("scenario " + name + ": needs the model's accuracy per k");
        }
    }

    @Override
    public double[] accuracyPercent() {
        return accuracyPercent.clone();
    }

    /** The periods at which a budget or interference step starts (after period 0). */
    public List<Integer> eventPeriods() {
        java.util.TreeSet<Integer> events = new java.util.TreeSet<>();
        budgets.stream().map(BudgetStep::atPeriod).filter(p -> p > 0 && p < periods).forEach(events::add);
        interference.stream().map(InterferenceStep::atPeriod).filter(p -> p > 0 && p < periods).forEach(events::add);
        return List.copyOf(events);
    }
}
