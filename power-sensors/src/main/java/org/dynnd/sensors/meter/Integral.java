package org.dynnd.sensors.meter;

/**
 * Energy of a rail (or a sum of rails) over an interval, with how much of the interval the samples
 * actually covered. {@code coveredNanos + gapNanos} is the length of the interval: a gap (failed
 * readings, before the first or after the last sample) is reported, never integrated as zero.
 *
 * @param joules energy over the covered part
 * @param coveredNanos time covered by valid samples
 * @param gapNanos time not covered
 */
public record Integral(double joules, long coveredNanos, long gapNanos) {

    /** Nothing covered over an interval of {@code nanos}. */
    public static Integral gap(long nanos) {
        return new Integral(0, 0, nanos);
    }

    /** Average power over the covered part in watts; NaN when nothing was covered. */
    public double averageWatts() {
        return coveredNanos == 0 ? Double.NaN : joules / (coveredNanos / 1e9);
    }

    /** Whether valid samples covered the whole interval. */
    public boolean complete() {
        return gapNanos == 0;
    }

    /**
     * The sum of two rails' energies over the same interval; the sum is only as covered as its
     * least covered part.
     */
    public Integral plus(Integral other) {
        return new Integral(joules + other.joules, Math.min(coveredNanos, other.coveredNanos),
                Math.max(gapNanos, other.gapNanos));
    }
}
