package org.dynnd.sensors.meter;

import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Status;

/**
 * The samples of one rail: a fixed-size ring of (time, value, status) in parallel primitive arrays,
 * so that appending allocates nothing. One writer (the sampler) and any number of readers; the
 * lock is uncontended almost always.
 */
final class RailRing {
    private static final Status[] STATUSES = Status.values();

    private final Quantity quantity;
    private final long[] nanos;
    private final double[] values;
    private final byte[] statuses;
    private int next;
    private int size;

    RailRing(Quantity quantity, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a ring needs at least 2 samples, got " + capacity);
        }
        this.quantity = quantity;
        this.nanos = new long[capacity];
        this.values = new double[capacity];
        this.statuses = new byte[capacity];
    }

    synchronized void append(long t, double value, Status status) {
        nanos[next] = t;
        values[next] = value;
        statuses[next] = (byte) status.ordinal();
        next = (next + 1) % nanos.length;
        if (size < nanos.length) {
            size++;
        }
    }

    private int index(int k) { // k-th oldest
        return (next - size + k + nanos.length) % nanos.length;
    }

    synchronized int size() {
        return size;
    }

    synchronized Sample get(int k) {
        int i = index(k);
        return new Sample(nanos[i], values[i], STATUSES[statuses[i]]);
    }

    synchronized Sample latest() {
        return size == 0 ? null : get(size - 1);
    }

    /**
     * Energy over [t0, t1]. Power: trapezoids between consecutive valid samples, interpolated
     * linearly at the ends of the interval; a fault on either side makes that span a gap. Counter:
     * the counter's increase between successive samples that carry a value (a failed read in between
     * is bridged, since the counter kept counting); a span ending at a counter that went backwards
     * or jumped absurdly is a gap, and that sample's value anchors the next span.
     */
    synchronized Integral integrate(long t0, long t1) {
        if (t1 <= t0) {
            throw new IllegalArgumentException("interval end " + t1 + " must be after its start " + t0);
        }
        double joules = 0;
        long covered = 0;
        int prev = -1;
        for (int k = 0; k < size; k++) {
            int i = index(k);
            boolean valid = STATUSES[statuses[i]].valid();
            if (quantity == Quantity.ENERGY && Double.isNaN(values[i])) {
                continue; // bridged by the next sample that has a value
            }
            if (prev >= 0 && nanos[i] > nanos[prev]) {
                long a = Math.max(nanos[prev], t0);
                long b = Math.min(nanos[i], t1);
                boolean spanValid = valid && (quantity == Quantity.ENERGY || STATUSES[statuses[prev]].valid());
                if (b > a && spanValid) {
                    joules += spanEnergy(prev, i, a, b);
                    covered += b - a;
                }
            }
            prev = i;
        }
        return new Integral(joules, covered, (t1 - t0) - covered);
    }

    private double spanEnergy(int s, int e, long a, long b) {
        double length = nanos[e] - nanos[s];
        double fa = (a - nanos[s]) / length;
        double fb = (b - nanos[s]) / length;
        if (quantity == Quantity.ENERGY) {
            return (values[e] - values[s]) * (fb - fa);
        }
        double pa = values[s] + (values[e] - values[s]) * fa;
        double pb = values[s] + (values[e] - values[s]) * fb;
        return (pa + pb) / 2 * ((b - a) / 1e9);
    }

    /**
     * The latest power in watts: the last sample of a power rail, the slope of the last span of a
     * counter rail; NaN when the latest sample is a fault.
     */
    synchronized double latestWatts() {
        if (size == 0) {
            return Double.NaN;
        }
        int last = index(size - 1);
        if (!STATUSES[statuses[last]].valid()) {
            return Double.NaN;
        }
        if (quantity == Quantity.POWER) {
            return values[last];
        }
        for (int k = size - 2; k >= 0; k--) {
            int i = index(k);
            if (!Double.isNaN(values[i]) && nanos[i] < nanos[last]) {
                return (values[last] - values[i]) / ((nanos[last] - nanos[i]) / 1e9);
            }
        }
        return Double.NaN;
    }
}
