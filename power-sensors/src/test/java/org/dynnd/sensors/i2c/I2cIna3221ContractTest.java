package org.dynnd.sensors.i2c;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;

/** The contract on an INA3221 at 0x41 with two of its three channels wired, values left-justified. */
class I2cIna3221ContractTest extends I2cPowerSensorContract {
    I2cIna3221ContractTest() {
        super(new I2cSensorConfig(1, 0x41, InaChip.INA3221, List.of(new I2cSensorConfig.Channel(1, "in", 0.1),
                new I2cSensorConfig.Channel(3, "cpu", 0.05)), OptionalInt.empty()));
    }

    @Override
    protected void power() {
        bus.ina3221(0x41);
        bus.set(0x41, 0x01, 500 << 3); // 20 mV (40 uV/LSB): 0.2 A over 0.1 ohm
        bus.set(0x41, 0x02, 625 << 3); // 5 V (8 mV/LSB)
        bus.set(0x41, 0x05, 250 << 3); // 10 mV: 0.2 A over 0.05 ohm
        bus.set(0x41, 0x06, 1500 << 3); // 12 V
    }

    @Override
    protected Expected expected() {
        // 0x7527: 3 channels x 16 averages x (1.1 + 1.1) ms.
        return new Expected("i2c:i2c-1@0x41", SensorKind.I2C, Path.of("/dev/i2c-1"), List.of("in", "cpu"),
                Quantity.POWER, "register", 105_600_000L, 0);
    }

    @Override
    protected double[] firstValues() {
        return new double[] {1.0, 2.4};
    }

    @Override
    protected double[] change() {
        bus.set(0x41, 0x01, 250 << 3); // 10 mV: 0.1 A
        bus.set(0x41, 0x05, 500 << 3); // 20 mV: 0.4 A
        return new double[] {0.5, 4.8};
    }
}
