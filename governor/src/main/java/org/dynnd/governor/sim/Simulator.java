package org.dynnd.governor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;

/**
 * Runs a policy against a board model under a scenario, period by period. Requests arrive at a
 * fixed rate; each inference at operating point i on unit u takes the board's latency x the
 * unit's true slow-down x a log-normal noise draw; the unit draws busy power while inferring and
 * idle power otherwise; the power reading is the period's average with log-normal sensor noise,
 * or nothing in a sensor gap. A preempted inference (the scenario's spike probability) is held
 * up by a fixed time, the same at any point, during which its unit counts as busy at the point's
 * busy power. When the inferences of a period need more time than the period, the excess queues
 * and every latency of that period grows in proportion.
 *
 * <p>Every policy sees the same random draws for the same seed (one latency draw per request,
 * one power draw per period, one preemption draw per request when preemptions are on), so
 * differences between policies are theirs, not the dice's. The draws of a period are made before
 * the policy decides and handed to the oracles in {@link PeriodTruth}; other policies ignore them.
 */
public final class Simulator {

    private static final long POWER_STREAM = 0x9E3779B97F4A7C15L;
    private static final long SPIKE_STREAM = 0xC2B2AE3D27D4EB4FL;

    private final BoardModel board;
    private final ModelProfile model;
    private final OpSpace space;
    private final Profile truth;
    private final BoundScenario bound;

    public Simulator(BoardModel board, ModelProfile model, Scenario scenario) {
        this.board = board;
        this.model = model;
        this.space = board.opSpace(model.ks());
        this.truth = board.profile(space, model);
        this.bound = new BoundScenario(scenario, board, model, truth);
    }

    public BoardModel board() {
        return board;
    }

    public ModelProfile model() {
        return model;
    }

    public OpSpace space() {
        return space;
    }

    /** The board's true, interference-free profile. */
    public Profile truth() {
        return truth;
    }

    public BoundScenario bound() {
        return bound;
    }

    /** Runs {@code policy} through every period of the scenario. */
    public SimResult run(Policy policy, long seed) {
        Scenario scenario = bound.scenario();
        int periods = scenario.periods();
        double periodMs = scenario.periodMs();
        double sigma = scenario.noise().latencySigma();
        double powerSigma = scenario.noise().powerSigma();
        double rate = bound.requestsPerMs();
        SplittableRandom latencyRng = new SplittableRandom(seed);
        SplittableRandom powerRng = new SplittableRandom(seed ^ POWER_STREAM);
        SplittableRandom spikeRng = new SplittableRandom(seed ^ SPIKE_STREAM);
        double spikeProbability = scenario.noise().spikeProbability();
        double spikeMs = scenario.noise().spikeX() * bound.referenceLatencyMs();
        double[] energy = new double[periods];
        double[] power = new double[periods];
        int[] count = new int[periods];
        double[] accuracy = new double[periods];
        int[] violations = new int[periods];
        int[] mainUnit = new int[periods];
        long decisionNanos = 0;
        Observation last = new Observation(periodMs, List.of(), Double.NaN, bound.budget(0));
        int n = (int) bound.requestsPerPeriod();
        for (int p = 0; p < periods; p++) {
            double[] lf = bound.latencyFactors(p);
            double[] pf = bound.powerFactors(p);
            double[] factor = new double[n];
            double[] added = new double[n];
            for (int i = 0; i < n; i++) {
                factor[i] = Math.exp(sigma * latencyRng.nextGaussian());
                if (spikeProbability > 0 && spikeRng.nextDouble() < spikeProbability) {
                    added[i] = spikeMs;
                }
            }
            PeriodTruth now = new PeriodTruth(lf, pf, sigma, rate, rate * periodMs, periodMs, factor, added);
            long t0 = System.nanoTime();
            Decision d = policy.decide(last, now);
            decisionNanos += System.nanoTime() - t0;

            int nA = d.isSplit() ? (int) Math.floor(d.primaryShare() * n + 1e-9) : n;
            double[] latA = new double[nA];
            double[] latB = new double[n - nA];
            double busy = 0;
            double busyEnergy = 0;
            double accSum = 0;
            for (int i = 0; i < n; i++) {
                int op = i < nA ? d.primary() : d.secondary();
                int u = space.unitOf(op);
                double t = truth.latencyMs(op) * lf[u] * factor[i] + added[i];
                if (i < nA) {
                    latA[i] = t;
                } else {
                    latB[i - nA] = t;
                }
                busy += t;
                busyEnergy += t * truth.busyPowerW(op) * pf[u];
                accSum += truth.accuracyPercent(op);
            }
            if (busy > periodMs) {
                // Not keeping up: requests queue, so each one waits in proportion to the excess.
                double stretch = busy / periodMs;
                scale(latA, stretch);
                scale(latB, stretch);
                // The work, and so its energy, is unchanged; only the waiting grows.
                busy = periodMs;
            }
            int primaryUnit = space.unitOf(d.primary());
            double totalEnergy = busyEnergy + (periodMs - busy) * truth.idlePowerW(d.primary()) * pf[primaryUnit];
            double avgPower = totalEnergy / periodMs;
            Budget budget = bound.budget(p);
            violations[p] = countOver(latA, budget.latencyMs()) + countOver(latB, budget.latencyMs());
            mainUnit[p] = 2 * latA.length >= n || !d.isSplit() ? primaryUnit : space.unitOf(d.secondary());
            energy[p] = totalEnergy;
            power[p] = avgPower;
            count[p] = n;
            accuracy[p] = accSum;
            double noise = Math.exp(powerSigma * powerRng.nextGaussian());
            double reading = bound.sensorGap(p) ? Double.NaN : avgPower * noise;
            List<Observation.Segment> segments = new ArrayList<>(2);
            if (latA.length > 0) {
                segments.add(new Observation.Segment(d.primary(), latA));
            }
            if (latB.length > 0) {
                segments.add(new Observation.Segment(d.secondary(), latB));
            }
            last = new Observation(periodMs, segments, reading, bound.budget(Math.min(p + 1, periods - 1)));
        }
        return new SimResult(policy.name(), energy, power, count, accuracy, violations, decisionNanos, mainUnit);
    }

    private static void scale(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }

    private static int countOver(double[] latencies, double budgetMs) {
        if (Double.isNaN(budgetMs)) {
            return 0;
        }
        int over = 0;
        for (double t : latencies) {
            if (t > budgetMs) {
                over++;
            }
        }
        return over;
    }
}
