package org.dynnd.sensors;

import java.util.Arrays;

/**
 * A preallocated, reusable holder for one reading of every rail of a sensor: a value in the rail's
 * unit (W or J) and a {@link Status}. Sensors write it; the sampler copies it into its ring buffers.
 * Reusing one instance per sensor keeps sampling free of allocation.
 */
public final class Readings {
    private final double[] values;
    private final Status[] statuses;

    /** Creates slots for {@code rails} rails, all {@link Status#NOT_READ}. */
    public Readings(int rails) {
        if (rails < 0) {
            throw new IllegalArgumentException("rails must be >= 0, got " + rails);
        }
        values = new double[rails];
        statuses = new Status[rails];
        Arrays.fill(values, Double.NaN);
        Arrays.fill(statuses, Status.NOT_READ);
    }

    /** The number of slots. */
    public int size() {
        return values.length;
    }

    /** Records a valid value for rail {@code i}. */
    public void ok(int i, double value) {
        values[i] = value;
        statuses[i] = Status.OK;
    }

    /** Records {@code value} with {@code status}; used for counters (a wrap, a re-anchor). */
    public void set(int i, double value, Status status) {
        values[i] = value;
        statuses[i] = status;
    }

    /** Records a fault for rail {@code i}; its value becomes NaN. */
    public void fail(int i, Status status) {
        values[i] = Double.NaN;
        statuses[i] = status;
    }

    /** The value of rail {@code i}, NaN when its status is a fault. */
    public double value(int i) {
        return values[i];
    }

    /** The status of rail {@code i}. */
    public Status status(int i) {
        return statuses[i];
    }
}
