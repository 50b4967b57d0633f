package org.dynnd.daemon.service;

import java.util.Objects;
import org.dynnd.governor.control.Objective;

/**
 * A set of constraints on each inference, any of which may be absent ({@code null}), and the
 * objective that decides among the points meeting them.
 *
 * @param latencyMs the longest latency per inference in ms, or null
 * @param energyMj the most energy per inference in mJ, or null
 * @param powerW the highest average power in W, or null
 * @param minAccuracy the lowest top-1 accuracy in percent, or null
 * @param objective what to optimise within the constraints
 */
public record ClientBudget(Double latencyMs, Double energyMj, Double powerW, Double minAccuracy, Objective objective) {

    /** No constraint at all: the governor serves the best accuracy. */
    public static final ClientBudget NONE = new ClientBudget(null, null, null, null, Objective.MAX_ACCURACY);

    public ClientBudget {
        Objects.requireNonNull(objective, "objective");
    }

    /** True when no constraint is set. */
    public boolean unconstrained() {
        return latencyMs == null && energyMj == null && powerW == null && minAccuracy == null;
    }

    /**
     * This budget tightened by {@code other}: the smaller of each limit, the larger accuracy
     * floor; this budget's objective is kept (it belongs to the higher-priority lease).
     */
    public ClientBudget tightenedBy(ClientBudget other) {
        return new ClientBudget(
                min(latencyMs, other.latencyMs),
                min(energyMj, other.energyMj),
                min(powerW, other.powerW),
                max(minAccuracy, other.minAccuracy),
                objective);
    }

    private static Double min(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.min(a, b));
    }

    private static Double max(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
    }
}
