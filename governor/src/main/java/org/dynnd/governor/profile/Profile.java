package org.dynnd.governor.profile;

import org.dynnd.governor.op.OpSpace;

/**
 * What each operating point is expected to cost without interference: latency of one inference,
 * power of the measured rails while inference runs and while it idles, and accuracy. Values are
 * kept in arrays indexed like the {@link OpSpace}; the online refinement updates them in place
 * through {@link #refine}.
 */
public final class Profile {

    private final OpSpace space;
    private final double[] latencyMs;
    private final double[] busyPowerW;
    private final double[] idlePowerW;
    private final double[] accuracyPercent;

    /** Arrays are copied; each must have one value per operating point of {@code space}. */
    public Profile(OpSpace space, double[] latencyMs, double[] busyPowerW, double[] idlePowerW,
            double[] accuracyPercent) {
        int n = space.size();
        check("latency", latencyMs, n, true);
        check("busy power", busyPowerW, n, true);
        check("idle power", idlePowerW, n, false);
        check("accuracy", accuracyPercent, n, false);
        this.space = space;
        this.latencyMs = latencyMs.clone();
        this.busyPowerW = busyPowerW.clone();
        this.idlePowerW = idlePowerW.clone();
        this.accuracyPercent = accuracyPercent.clone();
    }

    private static void check(String what, double[] values, int n, boolean positive) {
        if (values.length != n) {
            throw new IllegalArgumentException("profile " + what + ": expected " + n + " values, got " + values.length);
        }
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || v < 0 || (positive && v == 0)) {
                throw new IllegalArgumentException("profile " + what + " of operating point " + i + " must be "
                        + (positive ? "positive" : "non-negative") + ", got " + v);
            }
        }
    }

    public OpSpace space() {
        return space;
    }

    public int size() {
        return latencyMs.length;
    }

    public double latencyMs(int op) {
        return latencyMs[op];
    }

    public double busyPowerW(int op) {
        return busyPowerW[op];
    }

    public double idlePowerW(int op) {
        return idlePowerW[op];
    }

    public double accuracyPercent(int op) {
        return accuracyPercent[op];
    }

    /** Energy of one inference in mJ when inferences run back to back (W x ms = mJ). */
    public double busyEnergyMj(int op) {
        return busyPowerW[op] * latencyMs[op];
    }

    /**
     * Moves the expected latency and busy power of {@code op} a fraction {@code weight} of the way
     * (geometrically) towards new interference-free observations; NaN leaves a value unchanged.
     */
    public void refine(int op, double latencyMsObserved, double busyPowerObserved, double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("refinement weight must be within (0, 1], got " + weight);
        }
        if (latencyMsObserved > 0 && Double.isFinite(latencyMsObserved)) {
            latencyMs[op] *= Math.pow(latencyMsObserved / latencyMs[op], weight);
        }
        if (busyPowerObserved > 0 && Double.isFinite(busyPowerObserved)) {
            busyPowerW[op] *= Math.pow(busyPowerObserved / busyPowerW[op], weight);
        }
    }

    /** An independent copy (refinement of the copy leaves this one alone). */
    public Profile copy() {
        return new Profile(space, latencyMs, busyPowerW, idlePowerW, accuracyPercent);
    }
}
