package org.dynnd.governor.sim;

/**
 * What is really going on in a period, known only to the simulator and the oracle.
 *
 * @param latencyFactor per unit, the true latency slow-down
 * @param powerFactor per unit, the true power factor
 * @param latencySigma spread of the log of each inference's latency
 * @param requestsPerMs the request rate
 * @param requestsPerPeriod the expected inferences per period
 */
public record PeriodTruth(double[] latencyFactor, double[] powerFactor, double latencySigma, double requestsPerMs,
        double requestsPerPeriod) {}
