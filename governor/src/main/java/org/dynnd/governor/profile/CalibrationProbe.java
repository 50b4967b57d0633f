package org.dynnd.governor.profile;

import org.dynnd.governor.op.OperatingPoint;

/**
 * What calibration needs from the platform: run inferences at an operating point and say how
 * long they took, and read the power while inferences run and while nothing runs. The daemon
 * implements it with the real model, actuators and sensors; the simulator with a board model.
 *
 * <p>Latency and power are separate measurements: a latency point is a few inferences, far
 * shorter than a power sensor's refresh (an INA3221 reads every 422 ms), so a power reading is
 * only asked for where it is wanted, and there it lasts as long as the sensors need.
 */
public interface CalibrationProbe {

    /** Applies {@code op}, runs {@code inferences} inferences back to back; their mean latency in ms. */
    double meanLatencyMs(OperatingPoint op, int inferences);

    /**
     * Applies {@code op}, runs at least {@code inferences} inferences back to back, and more
     * until the power sensors have read the board while they ran; the board's power in W as those
     * readings show it, or NaN when the sensors gave none (they stopped answering).
     */
    double busyPowerW(OperatingPoint op, int inferences);

    /**
     * The power of the measured rails while the unit idles at {@code frequencyKHz}, in W, from
     * readings taken while it idled; NaN when the sensors gave none.
     */
    double idlePowerW(int unit, long frequencyKHz);
}
