package org.dynnd.sensors;

/**
 * Classifies a parsed power value: below zero is {@link Status#NEGATIVE}, above the ceiling is
 * {@link Status#ABSURD}. Shared by every backend that reads power.
 */
public final class Plausibility {
    /**
     * The default ceiling of one rail, in watts. No rail of the boards dynnd targets comes near
     * it (the XU3's largest INA231 shunt is rated 9 A at about 1.3 V); a RAPL platform zone of a
     * large server can reach a few kilowatts.
     */
    public static final double DEFAULT_MAX_WATTS = 10_000.0;

    private Plausibility() {}

    /** Writes {@code watts} into slot {@code i} of {@code out}, or the fault it represents. */
    public static void power(Readings out, int i, double watts, double maxWatts) {
        if (watts < 0 || Double.isNaN(watts)) {
            out.fail(i, Status.NEGATIVE);
        } else if (watts > maxWatts) {
            out.fail(i, Status.ABSURD);
        } else {
            out.ok(i, watts);
        }
    }
}
