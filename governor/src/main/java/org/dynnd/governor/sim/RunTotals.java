package org.dynnd.governor.sim;

import java.util.ArrayList;
import java.util.List;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Objective;

/**
 * A run's totals over the periods of one objective, every period counted (settling windows too):
 * the figures the true oracle (the baseline package's {@code OraclePolicy}) is an upper bound on.
 *
 * @param objective the objective of the periods counted
 * @param periods how many periods
 * @param powerPeriods periods over the power cap
 * @param late inferences over the latency budget
 * @param energyPeriods periods over the energy budget
 * @param accuracyPeriods periods under the accuracy floor
 * @param accuracySum the accuracy of every inference added, in percent
 * @param energyMj the energy of every period added, in mJ
 */
public record RunTotals(Objective objective, int periods, int powerPeriods, long late, int energyPeriods,
        int accuracyPeriods, double accuracySum, double energyMj) {

    /** Relative difference of accuracy and energy sums below which they count as equal (rounding of sums). */
    public static final double TOLERANCE = 1e-9;

    /** One record per objective the scenario's budgets use, in the order they first appear. */
    public static List<RunTotals> of(BoundScenario bound, SimResult run) {
        List<RunTotals> out = new ArrayList<>();
        for (Objective o : Objective.values()) {
            int periods = 0, power = 0, energy = 0, accuracy = 0;
            long late = 0;
            double accSum = 0, energySum = 0;
            for (int p = 0; p < run.periods(); p++) {
                Budget b = bound.budget(p);
                if (b.objective() != o) {
                    continue;
                }
                periods++;
                power += Evaluation.overPower(run, p, b) ? 1 : 0;
                energy += Evaluation.overEnergy(run, p, b) ? 1 : 0;
                accuracy += Evaluation.underAccuracy(run, p, b) ? 1 : 0;
                late += run.latencyViolations()[p];
                accSum += run.accuracySum()[p];
                energySum += run.energyMj()[p];
            }
            if (periods > 0) {
                out.add(new RunTotals(o, periods, power, late, energy, accuracy, accSum, energySum));
            }
        }
        return out;
    }

    /**
     * Whether this run beats {@code other}: at least as good on every total (fewer or as many
     * violations of each constraint, as much accuracy, as little energy) and better on one.
     */
    public boolean dominates(RunTotals other) {
        if (objective != other.objective) {
            throw new IllegalArgumentException("totals of " + objective.label() + " periods compared with "
                    + other.objective.label() + " periods");
        }
        boolean accAtLeast = accuracySum >= other.accuracySum - TOLERANCE * Math.abs(other.accuracySum);
        boolean energyAtMost = energyMj <= other.energyMj + TOLERANCE * Math.abs(other.energyMj);
        boolean noWorse = powerPeriods <= other.powerPeriods && late <= other.late
                && energyPeriods <= other.energyPeriods && accuracyPeriods <= other.accuracyPeriods && accAtLeast
                && energyAtMost;
        boolean better = powerPeriods < other.powerPeriods || late < other.late || energyPeriods < other.energyPeriods
                || accuracyPeriods < other.accuracyPeriods
                || accuracySum > other.accuracySum + TOLERANCE * Math.abs(other.accuracySum)
                || energyMj < other.energyMj - TOLERANCE * Math.abs(other.energyMj);
        return noWorse && better;
    }
}
