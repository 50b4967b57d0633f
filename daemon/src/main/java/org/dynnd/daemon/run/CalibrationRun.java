package org.dynnd.daemon.run;

import java.util.function.LongSupplier;
import org.dynnd.daemon.emulation.UnitActivity;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.CalibrationProbe;
import org.dynnd.models.runtime.DynamicModel;

/**
 * Calibration on the platform itself: the real model at each operating point the calibrator asks
 * for, put in force by the real actuators, its power read from the real sensors.
 */
final class CalibrationRun implements CalibrationProbe {

    /**
     * Longer than one refresh of the slowest sensor (the XU3's INA231: 263.8 ms), so that each
     * window holds a reading of its own; the calibration of an XU3 measures 32 frequencies.
     */
    static final long IDLE_WINDOW_MS = 300;

    private final OpSpace space;
    private final OperatingPointSwitch switcher;
    private final DynamicModel model;
    private final LatencyDilation dilation;
    private final UnitActivity activity;
    private final PowerReadings power;
    private final LongSupplier nanoClock;
    private final byte[] image = new byte[32 * 32 * 3];

    CalibrationRun(OpSpace space, OperatingPointSwitch switcher, DynamicModel model, LatencyDilation dilation,
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
    public Sample run(OperatingPoint point, int inferences) {
        int op = switcher.use(space.indexOf(point));
        long t0 = nanoClock.getAsLong();
        double sum = 0;
        for (int i = 0; i < inferences; i++) {
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
            sum += ms;
        }
        return new Sample(sum / inferences, watts(t0));
    }

    @Override
    public double idlePowerW(int unit, long frequencyKHz) {
        switcher.use(space.indexOf(new OperatingPoint(space.maxK(), unit, frequencyKHz)));
        long t0 = nanoClock.getAsLong();
        waitUntil(t0 + IDLE_WINDOW_MS * 1_000_000);
        return watts(t0);
    }

    /** The board's power since {@code t0}; the latest reading when the sensors have not refreshed in between. */
    private double watts(long t0) {
        double w = power.over(t0, nanoClock.getAsLong()).boardW();
        return Double.isNaN(w) ? power.latestBoardW() : w;
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
