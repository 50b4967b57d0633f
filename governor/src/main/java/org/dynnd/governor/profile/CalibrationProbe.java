package org.dynnd.governor.profile;

import org.dynnd.governor.op.OperatingPoint;

/**
 * What calibration needs from the platform: run inferences at an operating point and report
 * what they cost, and read the power while nothing runs. The daemon implements it with the real
 * model, actuators and sensors; the simulator implements it with a board model.
 */
public interface CalibrationProbe {

    /** What a run of inferences at one operating point cost. */
    record Sample(double meanLatencyMs, double meanBusyPowerW) {}

    /** Applies {@code op}, runs {@code inferences} inferences back to back and measures them. */
    Sample run(OperatingPoint op, int inferences);

    /** The power of the measured rails while the unit idles at {@code frequencyKHz}, in W. */
    double idlePowerW(int unit, long frequencyKHz);
}
