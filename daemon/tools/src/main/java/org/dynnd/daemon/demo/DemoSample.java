package org.dynnd.daemon.demo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One control period as the demo saw it: the daemon's telemetry event, plus the accuracy of the
 * demo's own images answered in the period (their predicted class against their label).
 *
 * @param timeS when the event arrived, seconds after the daemon was ready
 * @param step index of the script's step in force
 * @param groups active groups k
 * @param unit compute unit
 * @param frequencyMhz the unit's frequency
 * @param inferences inferences the daemon completed in the period
 * @param latencyP50Ms median latency, ms
 * @param latencyP95Ms 95th percentile latency, ms
 * @param powerW average board power, W
 * @param energyMj energy per inference, mJ
 * @param modelAccuracy the model's test accuracy at the period's k, percent
 * @param answered the demo's images answered in the period
 * @param correct of those, how many were classified as their label
 * @param metByDaemon whether the daemon said the demo's budget was met (null without a budget)
 */
public record DemoSample(double timeS, int step, int groups, String unit, double frequencyMhz, long inferences,
        double latencyP50Ms, double latencyP95Ms, double powerW, double energyMj, double modelAccuracy, long answered,
        long correct, Boolean metByDaemon) {

    /** The live accuracy of the period, percent, or NaN when no image was answered. */
    public double liveAccuracy() {
        return answered == 0 ? Double.NaN : 100.0 * correct / answered;
    }

    /** The sample a telemetry event describes. */
    static DemoSample of(JsonNode event, double timeS, int step, long answered, long correct) {
        JsonNode sample = event.path("sample");
        JsonNode op = sample.path("op");
        JsonNode met = event.path("met");
        return new DemoSample(timeS, step, op.path("groups").asInt(), op.path("unit").asText(),
                op.path("frequency_khz").asLong() / 1000.0, sample.path("inferences").asLong(),
                number(sample.path("latency_p50_ms")), number(sample.path("latency_p95_ms")), number(sample.path("power_w")),
                number(sample.path("energy_per_inference_mj")), number(sample.path("accuracy")), answered, correct,
                met.isBoolean() ? met.asBoolean() : null);
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
