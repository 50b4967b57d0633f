package org.dynnd.daemon.control;

import java.util.function.LongSupplier;
import org.dynnd.daemon.board.PowerReadings;
import org.dynnd.daemon.emulation.LatencyDilation;
import org.dynnd.daemon.emulation.UnitActivity;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.CalibrationProbe;
import org.dynnd.models.runtime.DynamicModel;

/**
 * Calibration on the platform itself: the real model at each operating point the calibrator asks
 * for, put in force by the real actuators, its power read from the real sensors.
 */
public final class CalibrationRun implements CalibrationProbe {

    /**
     * The least an idle power is measured for, in ms; it lasts on until the sensors have read the
     * idle unit (an INA231 refreshes every 263.8 ms, an INA3221 every 422.4 ms, and the meter
     * reads them on its own period).
     */
    static final long IDLE_WINDOW_MS = 300;
    /**
     * How long a power measurement waits for the sensors' readings before it gives up, in ms:
     * over ten refreshes of the slowest sensor, so only sensors that stopped answering reach it.
     */
    static final long READING_LIMIT_MS = 5_000;
    /** How often an idle measurement looks whether the sensors have read it, in ms. */
    private static final long IDLE_POLL_MS = 20;

    private final OpSpace space;
    private final OperatingPointSwitch switcher;
    private final DynamicModel model;
    private final LatencyDilation dilation;
    private final UnitActivity activity;
    private final PowerReadings power;
    private final LongSupplier nanoClock;
    private final byte[] image = new byte[32 * 32 * 3];

    public CalibrationRun(OpSpace space, OperatingPointSwitch switcher, DynamicModel model, LatencyDilation dilation,
            UnitActivity activity, PowerReadings power, LongSupplier nanoClock) {
        this.space = space;
        this.switcher = switcher;
        this.model = model;
        this.dilation = dilation;
        this.activity = activity;
        this.power = power;
        this.nanoClock = nanoClock;
    }

    @Override
    public double meanLatencyMs(OperatingPoint point, int inferences) {
        int op = switcher.use(space.indexOf(point));
        double sum = 0;
        for (int i = 0; i < inferences; i++) {
            sum += infer(point, op);
        }
        return sum / inferences;
    }

    /**
     * Busy power as the sensors read it while the inferences ran: a run shorter than the
     * sensors' refresh runs on, inference after inference, until they have read it.
     */
    @Override
    public double busyPowerW(OperatingPoint point, int inferences) {
        int op = switcher.use(space.indexOf(point));
        long t0 = nanoClock.getAsLong();
        for (int i = 0; i < inferences; i++) {
            infer(point, op);
        }
        double w;
        while (Double.isNaN(w = power.observedBoardW(t0, nanoClock.getAsLong())) && !pastLimit(t0)) {
            infer(point, op);
        }
        return w;
    }

    @Override
    public double idlePowerW(int unit, long frequencyKHz) {
        switcher.use(space.indexOf(new OperatingPoint(space.maxK(), unit, frequencyKHz)));
        long t0 = nanoClock.getAsLong();
        waitUntil(t0 + IDLE_WINDOW_MS * 1_000_000);
        double w;
        while (Double.isNaN(w = power.observedBoardW(t0, nanoClock.getAsLong())) && !pastLimit(t0)) {
            waitUntil(nanoClock.getAsLong() + IDLE_POLL_MS * 1_000_000);
        }
        return w;
    }

    /** One inference at {@code point} (operating point {@code op}); the board's latency of it, in ms. */
    private double infer(OperatingPoint point, int op) {
        long start = nanoClock.getAsLong();
        if (activity != null) {
            activity.begin(point.unit());
        }
        model.classify(image, point.k());
        double ms = dilation.boardMs(op, (nanoClock.getAsLong() - start) / 1e6);
        waitUntil(start + (long) (ms * 1e6));
        if (activity != null) {
            activity.end(point.unit());
        }
        return ms;
    }

    /** Whether to stop waiting for readings: the limit is past, or the calibration was stopped (interrupted). */
    private boolean pastLimit(long t0) {
        return nanoClock.getAsLong() - t0 > READING_LIMIT_MS * 1_000_000 || Thread.currentThread().isInterrupted();
    }

    private void waitUntil(long deadline) {
        long left;
        while ((left = deadline - nanoClock.getAsLong()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
