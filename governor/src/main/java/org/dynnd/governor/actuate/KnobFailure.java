package org.dynnd.governor.actuate;

/**
 * A knob that failed and is now marked unavailable.
 *
 * @param unit the compute unit it belongs to
 * @param knob what it is ({@code cpufreq policy4}, {@code affinity})
 * @param where the path or thread the failing operation was on
 * @param errno the error
 * @param message the whole message, for the log
 */
public record KnobFailure(int unit, String knob, String where, Errno errno, String message) {}
