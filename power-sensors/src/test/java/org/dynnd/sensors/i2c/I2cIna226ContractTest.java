package org.dynnd.sensors.i2c;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;

/** The contract on an INA226 breakout (0.1 ohm shunt) at 0x40, with its default configuration. */
class I2cIna226ContractTest extends I2cPowerSensorContract {
    I2cIna226ContractTest() {
        super(new I2cSensorConfig(1, 0x40, InaChip.INA226, List.of(new I2cSensorConfig.Channel(1, "board", 0.1)),
                OptionalInt.empty()));
    }

    @Override
    protected void power() {
        bus.ina226(0x40);
        bus.set(0x40, 0x01, 20000); // 50 mV over 0.1 ohm: 0.5 A (2.5 uV/LSB)
        bus.set(0x40, 0x02, 9600); // 12 V (1.25 mV/LSB)
    }

    @Override
    protected Expected expected() {
        // 0x4527: 16 averages x (1.1 + 1.1) ms; power from two registers has no fixed step.
        return new Expected("i2c:i2c-1@0x40", SensorKind.I2C, Path.of("/dev/i2c-1"), List.of("board"),
                Quantity.POWER, "register", 35_200_000L, 0);
    }

    @Override
    protected double[] firstValues() {
        return new double[] {6.0};
    }

    @Override
    protected double[] change() {
        bus.set(0x40, 0x01, 10000); // 25 mV: 0.25 A
        bus.set(0x40, 0x02, 4000); // 5 V
        return new double[] {1.25};
    }
}
