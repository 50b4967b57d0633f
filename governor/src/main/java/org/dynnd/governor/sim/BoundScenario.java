package org.dynnd.governor.sim;

import java.util.Arrays;
import java.util.List;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;

/**
 * A scenario resolved against one board and model: the budget, the true slow-downs and the
 * sensor state of every period, in arrays the simulator reads without further work.
 */
public final class BoundScenario {

    private final Scenario scenario;
    private final Budget[] budgets;
    private final double[][] latencyFactor;
    private final double[][] powerFactor;
    private final boolean[] gap;
    private final List<Integer> interferenceEnds = new java.util.ArrayList<>();
    private final double requestsPerMs;
    private final long requestsPerPeriod;
    private final double floorPowerW;
    private final double referenceLatencyMs;
    private final double referencePowerW;
    private final double referenceEnergyMj;

    /** Resolves {@code scenario}; {@code truth} is the board's interference-free profile. */
    public BoundScenario(Scenario scenario, BoardModel board, ModelProfile model, Profile truth) {
        this.scenario = scenario;
        OpSpace space = truth.space();
        int periods = scenario.periods();
        int units = space.units().size();
        int g = model.maxK();
        double fastest = Double.POSITIVE_INFINITY;
        int fastestOp = -1;
        for (int i = 0; i < space.size(); i++) {
            if (space.k(i) == g && truth.latencyMs(i) < fastest) {
                fastest = truth.latencyMs(i);
                fastestOp = i;
            }
        }
        referenceLatencyMs = fastest;
        // A whole number of requests per period, so that every period carries the same load.
        requestsPerPeriod = Math.max(1, Math.round(scenario.load() * scenario.periodMs() / fastest));
        requestsPerMs = requestsPerPeriod / scenario.periodMs();
        referencePowerW = averagePower(truth, fastestOp, requestsPerMs);
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < space.size(); i++) {
            least = Math.min(least, averagePower(truth, i, requestsPerMs));
        }
        floorPowerW = least;
        double leastEnergy = Double.POSITIVE_INFINITY;
        for (int i = 0; i < space.size(); i++) {
            if (space.k(i) == g && requestsPerMs * truth.latencyMs(i) <= 1) {
                leastEnergy = Math.min(leastEnergy, averagePower(truth, i, requestsPerMs) / requestsPerMs);
            }
        }
        referenceEnergyMj = leastEnergy;

        budgets = new Budget[periods];
        List<Scenario.BudgetStep> steps = scenario.budgets();
        for (int s = 0; s < steps.size(); s++) {
            Scenario.BudgetStep step = steps.get(s);
            Budget target = resolve(step.budget());
            Budget from = s == 0 ? target : resolve(steps.get(s - 1).budget());
            int end = s + 1 < steps.size() ? steps.get(s + 1).atPeriod() : periods;
            for (int p = step.atPeriod(); p < Math.min(end, periods); p++) {
                double w = step.rampPeriods() == 0 ? 1 : Math.min(1, (p - step.atPeriod() + 1.0) / step.rampPeriods());
                budgets[p] = blend(from, target, w);
            }
        }

        latencyFactor = new double[periods][units];
        powerFactor = new double[periods][units];
        double[] lf = new double[units];
        double[] pf = new double[units];
        Arrays.fill(lf, 1);
        Arrays.fill(pf, 1);
        double[] lfFrom = lf.clone();
        double[] pfFrom = pf.clone();
        int[] rampStart = new int[units];
        int[] rampLength = new int[units];
        double[] lfTo = lf.clone();
        double[] pfTo = pf.clone();
        int next = 0;
        List<Scenario.InterferenceStep> inter = scenario.interference();
        for (int p = 0; p < periods; p++) {
            while (next < inter.size() && inter.get(next).atPeriod() == p) {
                Scenario.InterferenceStep step = inter.get(next++);
                int u = UnitNames.resolve(step.unit(), truth, "scenario " + scenario.name() + ": interference at period "
                        + step.atPeriod() + " on board " + board.name());
                if (step.latencyFactor() == 1 && step.powerFactor() == 1 && (lfTo[u] != 1 || pfTo[u] != 1)) {
                    interferenceEnds.add(p);
                }
                lfFrom[u] = lf[u];
                pfFrom[u] = pf[u];
                lfTo[u] = step.latencyFactor();
                pfTo[u] = step.powerFactor();
                rampStart[u] = p;
                rampLength[u] = step.rampPeriods();
            }
            for (int u = 0; u < units; u++) {
                double w = rampLength[u] == 0 ? 1 : Math.min(1, (p - rampStart[u] + 1.0) / rampLength[u]);
                lf[u] = lfFrom[u] + (lfTo[u] - lfFrom[u]) * w;
                pf[u] = pfFrom[u] + (pfTo[u] - pfFrom[u]) * w;
            }
            latencyFactor[p] = lf.clone();
            powerFactor[p] = pf.clone();
        }
        gap = new boolean[periods];
        for (Scenario.SensorGap sg : scenario.sensorGaps()) {
            for (int p = sg.fromPeriod(); p < Math.min(sg.toPeriod(), periods); p++) {
                gap[p] = true;
            }
        }
    }

    static double averagePower(Profile profile, int op, double requestsPerMs) {
        double util = Math.min(1, requestsPerMs * profile.latencyMs(op));
        return util * profile.busyPowerW(op) + (1 - util) * profile.idlePowerW(op);
    }

    private Budget resolve(Scenario.BudgetSpec spec) {
        double latency = !Double.isNaN(spec.latencyMs()) ? spec.latencyMs() : spec.latencyX() * referenceLatencyMs;
        double energy = !Double.isNaN(spec.energyMj()) ? spec.energyMj() : spec.energyX() * referenceEnergyMj;
        double power = !Double.isNaN(spec.powerW()) ? spec.powerW()
                : floorPowerW + spec.powerX() * (referencePowerW - floorPowerW);
        return new Budget(latency, energy, power, spec.minAccuracyPercent(), spec.objective());
    }

    private static Budget blend(Budget from, Budget to, double w) {
        return new Budget(mix(from.latencyMs(), to.latencyMs(), w), mix(from.energyMj(), to.energyMj(), w),
                mix(from.powerW(), to.powerW(), w), mix(from.minAccuracyPercent(), to.minAccuracyPercent(), w),
                to.objective());
    }

    private static double mix(double a, double b, double w) {
        return Double.isNaN(a) || Double.isNaN(b) ? b : a + (b - a) * w;
    }

    /** The periods at which a unit's interference ends (its factors go back to 1), in order. */
    public List<Integer> interferenceEnds() {
        return List.copyOf(interferenceEnds);
    }

    public Scenario scenario() {
        return scenario;
    }

    public Budget budget(int period) {
        return budgets[period];
    }

    public double[] latencyFactors(int period) {
        return latencyFactor[period];
    }

    public double[] powerFactors(int period) {
        return powerFactor[period];
    }

    public boolean sensorGap(int period) {
        return gap[period];
    }

    /** Requests per ms. */
    public double requestsPerMs() {
        return requestsPerMs;
    }

    /** Requests in every period. */
    public long requestsPerPeriod() {
        return requestsPerPeriod;
    }

    /** The least average power of any operating point at the scenario's load, in W. */
    public double floorPowerW() {
        return floorPowerW;
    }

    /** The fastest full-model latency of the board, in ms. */
    public double referenceLatencyMs() {
        return referenceLatencyMs;
    }

    /** The full model's average power at maximum performance, in W. */
    public double referencePowerW() {
        return referencePowerW;
    }

    /** The least full-model energy per inference, in mJ. */
    public double referenceEnergyMj() {
        return referenceEnergyMj;
    }
}
