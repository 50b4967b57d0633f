package org.dynnd.sensors.ina231;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.fixtures.Xu3Fixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsPowerSensorContract;

/** The contract on the XU3's A15 chip, 0x40 on bus 3 (Hardkernel 3.10), read through the vendor driver. */
class Ina231ContractTest extends SysfsPowerSensorContract {
    private Xu3Fixture xu3;

    @Override
    protected PowerSensor open(Path root, FailingReader reader, Consumer<String> problems) {
        xu3 = Xu3Fixture.build(root, 3, true);
        return Ina231Discovery.scan(root, reader, true, Plausibility.DEFAULT_MAX_WATTS, problems).get(0);
    }

    @Override
    protected Expected expected() {
        // boards/odroid-xu3.yaml ina231_vendor_sysfs: sensor_W "%d.%06d\n" in W, update_period 263808 usec.
        return new Expected("ina231:3-0040", SensorKind.INA231_SYSFS, root.resolve(xu3.dir(Xu3Fixture.ARM)),
                List.of("a15"), Quantity.POWER, "W", 263_808_000L, 1e-6);
    }

    @Override
    protected double[] firstValues() {
        return new double[] {0.518144}; // the yaml's worked example: reg_bus_volt 810, reg_current 1872
    }

    @Override
    protected double[] change() {
        return new double[] {xu3.registers(Xu3Fixture.ARM, 1000, 8000) / 1e6};
    }
}
