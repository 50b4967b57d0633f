package org.dynnd.sensors.rapl;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.fixtures.RaplFixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsPowerSensorContract;

/**
 * The contract on a single-socket Intel client's RAPL zones. Its rails are counters: a read gives
 * the joules since the first read, so the first read is 0 on every zone.
 */
class RaplContractTest extends SysfsPowerSensorContract {
    private RaplFixture rapl;

    @Override
    protected PowerSensor open(Path root, FailingReader reader, Consumer<String> problems) {
        rapl = RaplFixture.build(root);
        return RaplDiscovery.scan(root, reader, problems).get(0);
    }

    @Override
    protected Expected expected() {
        // boards/x86-rapl.yaml zone_files: energy_uj "%lld\n" uJ; wraparound.update_rate about 1 ms.
        return new Expected("rapl", SensorKind.RAPL, root.resolve(RaplDiscovery.CLASS_DIR),
                List.of("package-0", "package-0/core", "package-0/uncore", "psys"), Quantity.ENERGY, "uJ",
                1_000_000L, 1e-6);
    }

    @Override
    protected double[] firstValues() {
        return new double[] {0, 0, 0, 0};
    }

    @Override
    protected double[] change() {
        rapl.add(RaplFixture.PACKAGE, 2_000_000);
        rapl.add(RaplFixture.CORE, 1_500_000);
        rapl.add(RaplFixture.PSYS, 3_250_000);
        return new double[] {2.0, 1.5, 0, 3.25};
    }
}
