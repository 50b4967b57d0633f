package org.dynnd.daemon.service;

import java.util.Objects;

/**
 * One classified image.
 *
 * @param classIndex index of the predicted class
 * @param label the class's name, such as {@code "7"} or {@code "cat"}
 * @param op the operating point the inference ran at
 * @param latencyMs wall time of the inference in milliseconds
 * @param energyMj energy attributed to the inference in millijoules, {@code NaN} without a sensor
 */
public record InferenceResult(int classIndex, String label, OperatingPointInfo op, double latencyMs, double energyMj) {
    public InferenceResult {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
    }
}
