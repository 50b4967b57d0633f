package org.dynnd.sensors.ina3221;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.fixtures.NanoFixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsPowerSensorContract;

/** The contract on the Jetson Nano's INA3221 through the L4T ina3221x IIO driver, read as root. */
public class Ina3221IioContractTest extends SysfsPowerSensorContract {
    private NanoFixture nano;

    @Override
    protected final PowerSensor open(Path root, FailingReader reader, Consumer<String> problems) {
        nano = NanoFixture.build(root);
        return discover(root, reader, problems);
    }

    /** Finds the sensor on the Nano's tree, as the daemon would. */
    protected PowerSensor discover(Path root, FailingReader reader, Consumer<String> problems) {
        return Ina3221IioDiscovery.scan(root, reader, Plausibility.DEFAULT_MAX_WATTS, problems).get(0);
    }

    @Override
    protected Expected expected() {
        // boards/jetson-nano.yaml ina3221x_iio: in_powerN_input "%d\n" mW; config 0x7727 refreshes every 422.4 ms.
        return new Expected("ina3221x:6-0040/iio:device0", SensorKind.INA3221_IIO, root.resolve(NanoFixture.DEVICE),
                List.of(NanoFixture.RAILS), Quantity.POWER, "mW", 422_400_000L, 1e-3);
    }

    @Override
    protected double[] firstValues() {
        return NanoFixture.tegrastatsWatts();
    }

    @Override
    protected double[] change() {
        return nano.load();
    }
}
