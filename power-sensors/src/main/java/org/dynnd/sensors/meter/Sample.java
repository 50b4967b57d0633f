package org.dynnd.sensors.meter;

import org.dynnd.sensors.Status;

/**
 * One stored reading of a rail.
 *
 * @param nanos when it was taken, on the meter's monotonic clock
 * @param value watts for a power rail, cumulative joules for a counter rail; NaN for a fault
 * @param status whether it is valid, and why not
 */
public record Sample(long nanos, double value, Status status) {}
