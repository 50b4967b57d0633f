package org.dynnd.governor.control;

import java.util.EnumSet;
import java.util.Set;

/**
 * The effective budget of a period. Any constraint may be absent (NaN).
 *
 * @param latencyMs the most one inference may take, in ms
 * @param energyMj the most one inference may cost on average, in mJ
 * @param powerW the most the measured rails may draw on average over a period, in W
 * @param minAccuracyPercent the least mean top-1 accuracy, in percent
 * @param objective what to optimise within the constraints
 */
public record Budget(double latencyMs, double energyMj, double powerW, double minAccuracyPercent, Objective objective) {

    public Budget {
        requirePositiveOrNaN("latency", latencyMs);
        requirePositiveOrNaN("energy", energyMj);
        requirePositiveOrNaN("power", powerW);
        if (!Double.isNaN(minAccuracyPercent) && !(minAccuracyPercent >= 0 && minAccuracyPercent <= 100)) {
            throw new IllegalArgumentException("minimum accuracy must be within 0..100 %, got " + minAccuracyPercent);
        }
        if (objective == null) {
            throw new IllegalArgumentException("a budget needs an objective (max-accuracy or min-energy)");
        }
    }

    private static void requirePositiveOrNaN(String what, double value) {
        if (!Double.isNaN(value) && !(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " budget must be positive and finite (or absent), got " + value);
        }
    }

    /** A budget with no constraint. */
    public static Budget unconstrained(Objective objective) {
        return new Budget(Double.NaN, Double.NaN, Double.NaN, Double.NaN, objective);
    }

    /** The constraints this budget sets. */
    public Set<Constraint> constraints() {
        EnumSet<Constraint> set = EnumSet.noneOf(Constraint.class);
        if (!Double.isNaN(powerW)) {
            set.add(Constraint.POWER);
        }
        if (!Double.isNaN(latencyMs)) {
            set.add(Constraint.LATENCY);
        }
        if (!Double.isNaN(energyMj)) {
            set.add(Constraint.ENERGY);
        }
        if (!Double.isNaN(minAccuracyPercent)) {
            set.add(Constraint.ACCURACY);
        }
        return set;
    }
}
