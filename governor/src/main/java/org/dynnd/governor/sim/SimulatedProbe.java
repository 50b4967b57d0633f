package org.dynnd.governor.sim;

import java.util.SplittableRandom;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.CalibrationProbe;
import org.dynnd.governor.profile.Profile;

/**
 * Calibration against a board model: inferences take the true latency with the scenario's
 * noise, power readings carry its sensor noise, and a simulated clock advances by the time the
 * measurements would take, so the calibrator's time limit is checked as on a board.
 */
public final class SimulatedProbe implements CalibrationProbe {

    private static final double READING_MS = 100;

    private final Profile truth;
    private final OpSpace space;
    private final double latencySigma;
    private final double powerSigma;
    private final SplittableRandom random;
    private long nanos;

    public SimulatedProbe(Profile truth, double latencySigma, double powerSigma, long seed) {
        this.truth = truth;
        this.space = truth.space();
        this.latencySigma = latencySigma;
        this.powerSigma = powerSigma;
        this.random = new SplittableRandom(seed);
    }

    /** The simulated clock, in ns since the probe was made. */
    public long nanoTime() {
        return nanos;
    }

    @Override
    public double meanLatencyMs(OperatingPoint op, int inferences) {
        double ms = run(space.indexOf(op), inferences);
        // The draw a power reading of the run would take: seeded simulations keep the figures they
        // had when every run also read the power.
        random.nextGaussian();
        return ms / inferences;
    }

    @Override
    public double busyPowerW(OperatingPoint op, int inferences) {
        int i = space.indexOf(op);
        double ms = run(i, inferences);
        // The sensor's noise is per reading of about a control period (100 ms); a longer run
        // averages several readings.
        double readings = Math.max(1, Math.floor(ms / READING_MS));
        return truth.busyPowerW(i) * Math.exp(powerSigma / Math.sqrt(readings) * random.nextGaussian());
    }

    /** Runs {@code inferences} at point {@code i} on the simulated clock; their total time in ms. */
    private double run(int i, int inferences) {
        double sum = 0;
        for (int n = 0; n < inferences; n++) {
            sum += truth.latencyMs(i) * Math.exp(latencySigma * random.nextGaussian());
        }
        nanos += (long) (sum * 1e6);
        return sum;
    }

    @Override
    public double idlePowerW(int unit, long frequencyKHz) {
        nanos += 200_000_000L; // two readings of an idle unit: 200 ms
        int i = space.indexOf(new OperatingPoint(space.maxK(), unit, frequencyKHz));
        return truth.idlePowerW(i) * Math.exp(powerSigma / Math.sqrt(2) * random.nextGaussian());
    }
}
