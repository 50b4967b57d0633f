package org.dynnd.daemon.emulation;

/**
 * The power side of an emulated board: what each unit's rail draws and at which voltage, given its
 * frequency and how busy it is. Implemented over the governor's board model.
 */
public interface BoardPhysics {

    /** Power of the rail of unit {@code unit} at {@code khz} while busy for {@code utilization} (0..1) of the time, in W. */
    double unitPowerW(int unit, long khz, double utilization);

    /** Supply voltage of unit {@code unit} at {@code khz}, in V. */
    double unitVolts(int unit, long khz);

    /** Power of the measured rails that no unit accounts for (memory, the rest of the SoC), in W. */
    double basePowerW();
}
