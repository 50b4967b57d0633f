package org.dynnd.sensors.hwmon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.fixtures.OrinFixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsPowerSensorContract;

/** The contract on the AGX Orin's INA3221 at 1-0040 through the mainline hwmon driver. */
class HwmonIna3221ContractTest extends SysfsPowerSensorContract {
    private OrinFixture orin;

    @Override
    protected PowerSensor open(Path root, FailingReader reader, Consumer<String> problems) {
        orin = OrinFixture.build(root);
        return HwmonDiscovery.scan(root, reader, Plausibility.DEFAULT_MAX_WATTS, problems).stream()
                .filter(s -> s.id().equals("hwmon:ina3221@1-0040")).findFirst().orElseThrow();
    }

    @Override
    protected Expected expected() {
        try {
            // boards/jetson-orin.yaml ina3221: power is in_input mV x curr_input mA; update_interval in ms.
            return new Expected("hwmon:ina3221@1-0040", SensorKind.HWMON, root.resolve(OrinFixture.CHIP_40).toRealPath(),
                    List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0"), Quantity.POWER, "mV*mA", 26_000_000L, 1e-6);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected double[] firstValues() {
        // The tegrastats sample's 2390, 796 and 3522 mW, as whole mA at 5 V give them.
        return new double[] {2.390, 0.795, 3.520};
    }

    @Override
    protected double[] change() {
        orin.set(OrinFixture.CHIP_40, 1, 5000, 1612);
        orin.set(OrinFixture.CHIP_40, 2, 4992, 250);
        orin.set(OrinFixture.CHIP_40, 3, 5000, 1000);
        return new double[] {8.060, 1.248, 5.0};
    }
}
