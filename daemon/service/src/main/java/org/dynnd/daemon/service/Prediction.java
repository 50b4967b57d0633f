package org.dynnd.daemon.service;

/**
 * What the governor expects of an operating point per inference, from its profile and current
 * estimates. Any value may be {@code NaN} when the governor has no estimate for it (no power
 * sensor: no energy or power).
 *
 * @param latencyMs latency per inference in milliseconds
 * @param energyMj energy per inference in millijoules
 * @param powerW average power in watts
 * @param accuracy top-1 accuracy in percent
 */
public record Prediction(double latencyMs, double energyMj, double powerW, double accuracy) {}
