package org.dynnd.governor.sim;

import java.util.List;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Objective;

/**
 * Turns simulated runs into {@link Metrics}. The periods right after a change of budget or
 * interference (the scenario's settling window, and the first window of the run) are left out of
 * the violation shares; energy and accuracy count every period.
 *
 * <p>Settling after a change: the number of periods until the policy has three periods in a row
 * that meet the budget (at most 10% of a period's inferences late, power, energy and accuracy
 * within their limits) and are close to the oracle's choice (accuracy within 1 point for
 * max-accuracy, energy within 10% for min-energy). A policy that never settles before the next
 * change scores the whole interval.
 */
public final class Evaluation {

    private final BoundScenario bound;
    private final SimResult oracle;
    private final boolean[] counted;

    public Evaluation(BoundScenario bound, SimResult oracle) {
        this.bound = bound;
        this.oracle = oracle;
        int periods = bound.scenario().periods();
        int window = bound.scenario().settleWindow();
        counted = new boolean[periods];
        java.util.Arrays.fill(counted, true);
        for (int p = 0; p < Math.min(window, periods); p++) {
            counted[p] = false;
        }
        for (int e : bound.scenario().eventPeriods()) {
            for (int p = e; p < Math.min(e + window, periods); p++) {
                counted[p] = false;
            }
        }
    }

    /** The objective the scenario starts with; it decides the combined measure. */
    public Objective objective() {
        return bound.budget(0).objective();
    }

    public Metrics metrics(SimResult run) {
        int periods = run.periods();
        long inferences = 0;
        long late = 0;
        int countedPeriods = 0;
        int overPower = 0;
        int overEnergy = 0;
        int underAccuracy = 0;
        long allLate = 0;
        long allInferences = 0;
        int allOther = 0;
        for (int p = 0; p < periods; p++) {
            Budget budget = bound.budget(p);
            allLate += run.latencyViolations()[p];
            allInferences += run.inferences()[p];
            allOther += (overPower(run, p, budget) ? 1 : 0) + (overEnergy(run, p, budget) ? 1 : 0)
                    + (underAccuracy(run, p, budget) ? 1 : 0);
            if (!counted[p]) {
                continue;
            }
            countedPeriods++;
            inferences += run.inferences()[p];
            late += run.latencyViolations()[p];
            Budget b = bound.budget(p);
            overPower += overPower(run, p, b) ? 1 : 0;
            overEnergy += overEnergy(run, p, b) ? 1 : 0;
            underAccuracy += underAccuracy(run, p, b) ? 1 : 0;
        }
        List<Integer> events = bound.scenario().eventPeriods();
        double settleSum = 0;
        int settleMax = 0;
        for (int i = 0; i < events.size(); i++) {
            int start = events.get(i);
            int end = i + 1 < events.size() ? events.get(i + 1) : periods;
            int s = settling(run, start, end);
            settleSum += s;
            settleMax = Math.max(settleMax, s);
        }
        double denominator = Math.max(1, countedPeriods);
        return new Metrics(run.policy(), late / (double) Math.max(1, inferences), overPower / denominator,
                overEnergy / denominator, underAccuracy / denominator, run.totalEnergyMj() / oracle.totalEnergyMj(),
                run.meanAccuracy() - oracle.meanAccuracy(), events.isEmpty() ? 0 : settleSum / events.size(), settleMax,
                allLate / (double) Math.max(1, allInferences) + allOther / (double) periods, run.decisionNanos() / 1000.0 / Math.max(1, periods));
    }

    static boolean overPower(SimResult run, int p, Budget b) {
        return run.powerW()[p] > b.powerW() * (1 + 1e-9);
    }

    static boolean overEnergy(SimResult run, int p, Budget b) {
        return run.inferences()[p] > 0 && run.energyMj()[p] / run.inferences()[p] > b.energyMj() * (1 + 1e-9);
    }

    static boolean underAccuracy(SimResult run, int p, Budget b) {
        return run.inferences()[p] > 0
                && run.accuracySum()[p] / run.inferences()[p] < b.minAccuracyPercent() - 1e-9;
    }

    private boolean settled(SimResult run, int p) {
        Budget b = bound.budget(p);
        int n = run.inferences()[p];
        if (n == 0) {
            return true;
        }
        if (run.latencyViolations()[p] > 0.1 * n || overPower(run, p, b) || overEnergy(run, p, b)
                || underAccuracy(run, p, b)) {
            return false;
        }
        int on = oracle.inferences()[p];
        if (on == 0) {
            return true;
        }
        if (b.objective() == Objective.MAX_ACCURACY) {
            return run.accuracySum()[p] / n >= oracle.accuracySum()[p] / on - 1.0;
        }
        return run.energyMj()[p] / n <= oracle.energyMj()[p] / on * 1.10;
    }

    private int settling(SimResult run, int start, int end) {
        for (int s = 0; start + s < end; s++) {
            boolean ok = true;
            for (int j = 0; j < 3 && start + s + j < end; j++) {
                ok &= settled(run, start + s + j);
            }
            if (ok) {
                return s;
            }
        }
        return end - start;
    }
}
