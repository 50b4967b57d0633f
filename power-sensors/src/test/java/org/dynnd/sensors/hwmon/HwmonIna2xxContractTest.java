package org.dynnd.sensors.hwmon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.fixtures.Xu3HwmonFixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsPowerSensorContract;

/** The contract on the XU3's A15 INA231 through the mainline hwmon ina2xx driver. */
class HwmonIna2xxContractTest extends SysfsPowerSensorContract {
    private Xu3HwmonFixture xu3;

    @Override
    protected PowerSensor open(Path root, FailingReader reader, Consumer<String> problems) {
        xu3 = Xu3HwmonFixture.build(root);
        return HwmonDiscovery.scan(root, reader, Plausibility.DEFAULT_MAX_WATTS, problems).get(0);
    }

    @Override
    protected Expected expected() {
        try {
            // boards/odroid-xu3.yaml ina231_mainline_hwmon: power1_input in uW, update_interval in ms, no labels.
            return new Expected("hwmon:ina231@0-0040", SensorKind.HWMON, root.resolve(Xu3HwmonFixture.DIR).toRealPath(),
                    List.of("ina231@0-0040"), Quantity.POWER, "uW", 35_000_000L, 1e-6);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected double[] firstValues() {
        return new double[] {0.518144};
    }

    @Override
    protected double[] change() {
        return new double[] {xu3.draw(1250, 2192)};
    }
}
