package org.dynnd.sensors.i2c;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;

/**
 * The contract on an INA231 at 0x45 with the XU3's 10 mOhm shunt and its DT configuration 0x45FF
 * (boards/odroid-xu3.yaml ina231_vendor_sysfs), read without a kernel driver.
 */
class I2cIna231ContractTest extends I2cPowerSensorContract {
    I2cIna231ContractTest() {
        super(new I2cSensorConfig(1, 0x45, InaChip.INA231, List.of(new I2cSensorConfig.Channel(1, "a7", 0.010)),
                OptionalInt.of(0x45FF)));
    }

    @Override
    protected void power() {
        bus.ina231(0x45);
        bus.set(0x45, 0x01, 2052); // 5.13 mV over 10 mOhm: 0.513 A
        bus.set(0x45, 0x02, 810); // 1.0125 V, the yaml's reg_bus_volt
    }

    @Override
    protected Expected expected() {
        // 16 averages x (8244 + 8244) us = the vendor driver's update_period of 263808 us.
        return new Expected("i2c:i2c-1@0x45", SensorKind.I2C, Path.of("/dev/i2c-1"), List.of("a7"),
                Quantity.POWER, "register", 263_808_000L, 0);
    }

    @Override
    protected double[] firstValues() {
        return new double[] {1.0125 * 0.513};
    }

    @Override
    protected double[] change() {
        bus.set(0x45, 0x01, 4104); // 10.26 mV: 1.026 A
        bus.set(0x45, 0x02, 800); // 1.0 V
        return new double[] {1.026};
    }
}
