package org.dynnd.governor.profile;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;

/**
 * Builds a {@link Profile} by measurement within a time limit. Latency is measured for every
 * (k, unit) at three frequencies (lowest, middle, highest) and fitted with t = a/f + b, so the
 * run costs 3·|k|·|units| points instead of |OPs|. Busy power is measured at the full model on
 * every frequency (power hardly depends on k because every core of the unit is busy either way;
 * the online refinement corrects what remains), idle power per frequency.
 */
public final class Calibrator {

    /** How long busy power is measured at each frequency, in ms. */
    static final double POWER_WINDOW_MS = 300;

    private final CalibrationProbe probe;
    private final LongSupplier nanoClock;
    private final Duration limit;
    private final int inferencesPerPoint;

    /**
     * @param probe runs the measurements
     * @param nanoClock monotonic nanoseconds, to enforce {@code limit}
     * @param limit the most calibration may take (the issue asks for at most 30 s)
     * @param inferencesPerPoint inferences averaged per measured point
     */
    public Calibrator(CalibrationProbe probe, LongSupplier nanoClock, Duration limit, int inferencesPerPoint) {
        if (inferencesPerPoint < 1) {
            throw new IllegalArgumentException("inferences per calibration point must be at least 1, got "
                    + inferencesPerPoint);
        }
        this.probe = probe;
        this.nanoClock = nanoClock;
        this.limit = limit;
        this.inferencesPerPoint = inferencesPerPoint;
    }

    /**
     * Thrown when calibration cannot give a profile: the measurements would not fit in the time
     * limit, or the power sensors gave no reading of a point (a profile never holds a NaN).
     */
    public static final class CalibrationFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        CalibrationFailedException(String message) {
            super(message);
        }
    }

    /** Measures and fits; throws if the time limit is reached before the end or a power is not read. */
    public Profile calibrate(OpSpace space, ModelProfile model) throws CalibrationFailedException {
        long start = nanoClock.getAsLong();
        int[] ks = space.ks();
        double[] latency = new double[space.size()];
        double[] busy = new double[space.size()];
        double[] idle = new double[space.size()];
        double[] accuracy = new double[space.size()];
        for (int u = 0; u < space.units().size(); u++) {
            ComputeUnit unit = space.unit(u);
            long[] freqs = unit.frequenciesKHz();
            int[] probeIdx = fitFrequencies(freqs.length);
            LatencyFit[] fits = new LatencyFit[ks.length];
            for (int ki = 0; ki < ks.length; ki++) {
                double[] f = new double[probeIdx.length];
                double[] t = new double[probeIdx.length];
                for (int j = 0; j < probeIdx.length; j++) {
                    f[j] = freqs[probeIdx[j]];
                    t[j] = probe.meanLatencyMs(new OperatingPoint(ks[ki], u, freqs[probeIdx[j]]), inferencesPerPoint);
                    checkTime(start, "latency of k=" + ks[ki] + " on " + unit.name());
                }
                fits[ki] = LatencyFit.fit(f, t);
            }
            for (int fi = 0; fi < freqs.length; fi++) {
                // Power readings are slower and noisier than latencies: run for a time window (so
                // that several readings are averaged) rather than for a number of inferences.
                double expected = fits[ks.length - 1].latencyMs(freqs[fi]);
                int runs = (int) Math.max(3, Math.ceil(POWER_WINDOW_MS / Math.max(expected, 1e-3)));
                String at = unit.name() + " at " + freqs[fi] + " kHz";
                double p = read(probe.busyPowerW(new OperatingPoint(space.maxK(), u, freqs[fi]), runs), "busy power of " + at);
                double pIdle = read(probe.idlePowerW(u, freqs[fi]), "idle power of " + at);
                checkTime(start, "power of " + at);
                for (int ki = 0; ki < ks.length; ki++) {
                    int op = space.indexOf(new OperatingPoint(ks[ki], u, freqs[fi]));
                    latency[op] = Math.max(1e-6, fits[ki].latencyMs(freqs[fi]));
                    busy[op] = p;
                    idle[op] = Math.min(pIdle, p);
                    accuracy[op] = model.accuracyOf(ks[ki]);
                }
            }
        }
        return new Profile(space, latency, busy, idle, accuracy);
    }

    /** A power the probe measured; one the sensors did not read fails the calibration rather than enter the profile. */
    private static double read(double watts, String what) throws CalibrationFailedException {
        if (Double.isNaN(watts)) {
            throw new CalibrationFailedException("the power sensors gave no reading while measuring the " + what
                    + "; check that the board's power sensors are readable (dynnd sensors)");
        }
        return watts;
    }

    private void checkTime(long start, String step) throws CalibrationFailedException {
        long elapsed = nanoClock.getAsLong() - start;
        if (elapsed > limit.toNanos()) {
            throw new CalibrationFailedException("calibration exceeded its limit of " + limit.toSeconds()
                    + " s while measuring " + step + "; measure fewer inferences per point");
        }
    }

    private static int[] fitFrequencies(int count) {
        if (count == 1) {
            return new int[] {0};
        }
        if (count == 2) {
            return new int[] {0, 1};
        }
        return new int[] {0, count / 2, count - 1};
    }
}
