package org.dynnd.governor.control;

import org.dynnd.governor.profile.Profile;

/**
 * The share of a period's inferences that may run on point a, the rest on point b, so that the
 * constraints that hold on average over the period — power, energy per inference, accuracy — are
 * kept: each is linear in the share, x·(value at a) + (1-x)·(value at b). Shares are rounded to
 * whole inferences when the period's count is known. Reads the powers and energies of the
 * {@link PointEvaluation} it is given.
 */
final class SplitShares {

    private static final int POWER = Constraint.POWER.bit();
    private static final int ENERGY = Constraint.ENERGY.bit();
    private static final int ACCURACY = Constraint.ACCURACY.bit();

    private final Profile profile;

    SplitShares(Profile profile) {
        this.profile = profile;
    }

    /**
     * The largest share of {@code a} that keeps the {@code active} averaged constraints with
     * {@code b} (which keeps them alone); 0 when none does.
     */
    double largest(PointEvaluation points, Budget budget, int active, int a, int b, double perPeriod) {
        double[] power = points.power;
        double[] energy = points.energy;
        double x = 1.0;
        if ((active & POWER) != 0) {
            x = Math.min(x, limit(budget.powerW() - power[b], budget.powerW() - power[a]));
        }
        if ((active & ENERGY) != 0) {
            x = Math.min(x, limit(budget.energyMj() - energy[b], budget.energyMj() - energy[a]));
        }
        if ((active & ACCURACY) != 0) {
            x = Math.min(x, limit(profile.accuracyPercent(b) - budget.minAccuracyPercent(),
                    profile.accuracyPercent(a) - budget.minAccuracyPercent()));
        }
        if (perPeriod >= 1) {
            x = Math.floor(x * perPeriod + 1e-9) / perPeriod;
        }
        return Math.max(0, x);
    }

    /**
     * For two points that each break some averaged constraint: the share of {@code a} within the
     * interval that keeps them all, at the end that favours {@code preferA}'s side (the highest
     * share when a is the better point); NaN when no share strictly between 0 and 1 does.
     */
    double within(PointEvaluation points, Budget budget, int active, int a, int b, double perPeriod, boolean preferA) {
        double lo = 0;
        double hi = 1;
        for (int c = 0; c < 3; c++) {
            double slackA = slack(points, c, budget, active, a);
            double slackB = slack(points, c, budget, active, b);
            double d = slackA - slackB;
            if (d > 0) {
                lo = Math.max(lo, -slackB / d);
            } else if (d < 0) {
                hi = Math.min(hi, slackB / -d);
            } else if (slackB < 0) {
                return Double.NaN;
            }
        }
        if (perPeriod >= 1) {
            lo = Math.ceil(lo * perPeriod - 1e-9) / perPeriod;
            hi = Math.floor(hi * perPeriod + 1e-9) / perPeriod;
        }
        if (lo > hi) {
            return Double.NaN;
        }
        double x = preferA ? hi : lo;
        return x <= 0 || x >= 1 ? Double.NaN : x; // at 0 or 1 a single point would do, and none does
    }

    /** How far {@code op} is inside averaged constraint {@code c} (0 power, 1 energy, 2 accuracy); 0 when inactive. */
    private double slack(PointEvaluation points, int c, Budget budget, int active, int op) {
        return switch (c) {
            case 0 -> (active & POWER) != 0 ? budget.powerW() - points.power[op] : 0;
            case 1 -> (active & ENERGY) != 0 ? budget.energyMj() - points.energy[op] : 0;
            default -> (active & ACCURACY) != 0 ? profile.accuracyPercent(op) - budget.minAccuracyPercent() : 0;
        };
    }

    /** Share x with x·slackA + (1-x)·slackB = 0 when slackA is negative, else 1. */
    private static double limit(double slackB, double slackA) {
        if (slackA >= 0) {
            return 1.0;
        }
        if (slackB < 0) {
            return 0.0;
        }
        return slackB / (slackB - slackA);
    }
}
