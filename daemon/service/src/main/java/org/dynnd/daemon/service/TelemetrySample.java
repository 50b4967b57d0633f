package org.dynnd.daemon.service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the control loop measured over one control period. Values without a measurement (no
 * inference in the period, no power sensor) are {@code NaN}.
 *
 * @param timeMillis end of the period, milliseconds since the epoch
 * @param op the operating point in force at the end of the period
 * @param inferences inferences completed in the period
 * @param latencyP50Ms median latency per inference over the recent window, ms
 * @param latencyP95Ms 95th percentile latency over the recent window, ms
 * @param railPowerW average power per rail over the period, W, by rail name
 * @param totalPowerW average power of the rail the board preset names as total, W
 * @param energyPerInferenceMj energy per inference over the period, mJ
 * @param accuracy top-1 accuracy of the active group count k, percent
 * @param violations latency-budget violations since the daemon started
 * @param degraded names of the degraded conditions in force (a sensor lost, an actuator refused)
 */
public record TelemetrySample(
        long timeMillis,
        OperatingPointInfo op,
        long inferences,
        double latencyP50Ms,
        double latencyP95Ms,
        Map<String, Double> railPowerW,
        double totalPowerW,
        double energyPerInferenceMj,
        double accuracy,
        long violations,
        List<String> degraded) {
    public TelemetrySample {
        Objects.requireNonNull(op, "op");
        railPowerW = Map.copyOf(railPowerW);
        degraded = List.copyOf(degraded);
    }
}
