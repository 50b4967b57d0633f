package org.dynnd.sensors.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.fixtures.NanoFixture;
import org.dynnd.sensors.ina3221.Ina3221IioContractTest;
import org.dynnd.sensors.sysfs.FailingReader;

/**
 * The contract on a sensor whose rails the configuration names: a Jetson Nano read by a daemon that
 * is not root, so rail_name_N (0600) cannot be read, the rails are discovered as 6-0040/chN and
 * the configuration gives them their names back. It must be the IIO sensor read as root in every
 * respect, which is why this test is that test with another discovery.
 */
class RenamedSensorContractTest extends Ina3221IioContractTest {

    @Override
    protected PowerSensor discover(Path root, FailingReader reader, Consumer<String> problems) {
        for (int ch = 0; ch < 3; ch++) {
            reader.rootOnly(root.resolve(NanoFixture.DEVICE + "/rail_name_" + ch));
        }
        Map<String, String> names = Map.of("6-0040/ch0", "POM_5V_IN", "6-0040/ch1", "POM_5V_GPU",
                "6-0040/ch2", "POM_5V_CPU");
        Discovery d = new SensorDiscovery(root, reader, node -> {
            throw new IOException(node + ": no raw I2C chip is configured");
        }).discover(new DiscoveryOptions(false, Plausibility.DEFAULT_MAX_WATTS, List.of(), names));
        d.problems().forEach(problems);
        return d.sensors().get(0);
    }

    @Override
    protected void checkProblems(List<String> reported) {
        // The only problem is the one that made the names necessary.
        assertThat(reported).singleElement().asString().contains("rail_name_N").contains("0600");
    }
}
