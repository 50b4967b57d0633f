package org.dynnd.daemon.service;

import java.util.Objects;

/**
 * The governor's answer to a budget: the operating point it chose and what it expects of it.
 * When no point meets every constraint, {@code feasible} is false and the point is the governor's
 * best effort (its documented fallback order).
 *
 * @param feasible whether the chosen point is predicted to meet every constraint of the budget
 * @param op the operating point chosen
 * @param predicted what the point is expected to cost and reach
 */
public record ChosenPoint(boolean feasible, OperatingPointInfo op, Prediction predicted) {
    public ChosenPoint {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(predicted, "predicted");
    }
}
