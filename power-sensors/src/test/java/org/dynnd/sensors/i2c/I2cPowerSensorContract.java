package org.dynnd.sensors.i2c;

import java.io.IOException;
import java.nio.file.Path;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.PowerSensorContract;
import org.dynnd.sensors.Status;

/**
 * The {@link PowerSensorContract} of a chip read over raw I2C: the hardware is a {@link FakeInaBus}
 * holding the chip's registers, and it breaks by no longer acknowledging the chip's address (a
 * loose wire, a chip without power), which every rail reads as {@link Status#IO_ERROR}.
 */
abstract class I2cPowerSensorContract extends PowerSensorContract {
    /** The bus; {@link #power()} puts the chip on it. */
    protected final FakeInaBus bus = new FakeInaBus();
    private final I2cSensorConfig config;

    /** @param config the chip as the daemon's configuration names it, on bus 1 */
    I2cPowerSensorContract(I2cSensorConfig config) {
        this.config = config;
    }

    /** Puts the chip on {@link #bus} in its power-on state and sets the registers the first read sees. */
    protected abstract void power();

    @Override
    protected final PowerSensor open(Path root) throws IOException {
        power();
        return I2cSensors.open(config, bus, Plausibility.DEFAULT_MAX_WATTS);
    }

    @Override
    protected void breakHardware() {
        bus.failTransfers(config.address(), true);
    }

    @Override
    protected void repairHardware() {
        bus.failTransfers(config.address(), false);
    }

    @Override
    protected Status faultWhileBroken() {
        return Status.IO_ERROR;
    }
}
