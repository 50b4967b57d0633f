package org.dynnd.governor.sim;

/**
 * What is really going on in a period, known only to the simulator and the oracles.
 *
 * @param latencyFactor per unit, the true latency slow-down
 * @param powerFactor per unit, the true power factor
 * @param latencySigma spread of the log of each inference's latency
 * @param requestsPerMs the request rate
 * @param requestsPerPeriod the expected inferences per period
 * @param periodMs the period's length, in ms
 * @param noiseFactor per inference of the period, in arrival order, the factor its latency is
 *     drawn with (whatever operating point it runs at)
 * @param addedMs per inference, the time a preemption adds to it, in ms (0 for most)
 */
public record PeriodTruth(double[] latencyFactor, double[] powerFactor, double latencySigma, double requestsPerMs,
        double requestsPerPeriod, double periodMs, double[] noiseFactor, double[] addedMs) {}
