package org.dynnd.governor.control;

import java.util.Set;

/**
 * The controller's answer for the next period: one operating point, or a split of the
 * period's inferences between two operating points of the same unit.
 *
 * @param primary the index of the main operating point
 * @param secondary the index of the other operating point of a split, or -1
 * @param primaryShare the share of inferences to run at {@code primary} (1 without a split)
 * @param feasible whether every constraint of the budget is expected to be met
 * @param unmet the constraints expected to be missed, by the precedence; empty when feasible
 * @param predictedPowerW expected average power of the period, in W
 * @param predictedEnergyMj expected mean energy per inference, in mJ
 * @param predictedAccuracy expected mean accuracy, in percent
 */
public record Decision(int primary, int secondary, double primaryShare, boolean feasible, Set<Constraint> unmet,
        double predictedPowerW, double predictedEnergyMj, double predictedAccuracy) {

    public Decision {
        unmet = Set.copyOf(unmet);
        if (!(primaryShare >= 0 && primaryShare <= 1)) {
            throw new IllegalArgumentException("primary share must be within 0..1, got " + primaryShare);
        }
        if ((secondary < 0) != (primaryShare == 1)) {
            throw new IllegalArgumentException("a split needs a second operating point and a share below 1, got "
                    + secondary + " and " + primaryShare);
        }
    }

    /** A single operating point with no prediction attached (baselines that predict nothing). */
    public static Decision single(int op) {
        return new Decision(op, -1, 1.0, true, Set.of(), Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether the period is split between two operating points. */
    public boolean isSplit() {
        return secondary >= 0;
    }
}
