package org.dynnd.sensors.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.fixtures.NanoFixture;
import org.dynnd.sensors.fixtures.OrinFixture;
import org.dynnd.sensors.fixtures.RaplFixture;
import org.dynnd.sensors.fixtures.Xu3Fixture;
import org.dynnd.sensors.i2c.I2cBusyException;
import org.dynnd.sensors.i2c.I2cSensorConfig;
import org.dynnd.sensors.i2c.InaChip;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    @TempDir
    Path root;

    @Test
    void listsEveryKindOfSensorUnderOneRoot() {
        Xu3Fixture.build(root, 3, true);
        NanoFixture.build(root);
        OrinFixture.build(root);
        RaplFixture.build(root);
        I2cSensorConfig busy = new I2cSensorConfig(1, 0x40, InaChip.INA226,
                List.of(new I2cSensorConfig.Channel(1, "breakout", 0.1)), OptionalInt.empty());
        Discovery d = new SensorDiscovery(root, SysfsReader.files(), node -> {
            assertThat(node).isEqualTo(root.resolve("dev/i2c-1"));
            return new org.dynnd.sensors.i2c.I2cBus() {
                @Override
                public String name() {
                    return node.toString();
                }

                @Override
                public int readWord(int address, int register) throws IOException {
                    throw new I2cBusyException(node.toString(), address);
                }

                @Override
                public void writeWord(int address, int register, int value) throws IOException {
                    throw new I2cBusyException(node.toString(), address);
                }

                @Override
                public void close() {}
            };
        }).discover(new DiscoveryOptions(true, 10_000, List.of(busy)));
        assertThat(d.sensors()).extracting(PowerSensor::kind).containsExactly(
                SensorKind.INA231_SYSFS, SensorKind.INA231_SYSFS, SensorKind.INA231_SYSFS, SensorKind.INA231_SYSFS,
                SensorKind.INA3221_IIO, SensorKind.HWMON, SensorKind.HWMON, SensorKind.RAPL);
        assertThat(d.rails()).extracting(Rail::id).containsExactly("a15", "mem", "gpu", "a7",
                "POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU",
                "VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO",
                "package-0", "package-0/core", "package-0/uncore", "psys");
        assertThat(d.problems()).singleElement().asString().contains("dev/i2c-1 address 0x40").contains("EBUSY");
    }

    @Test
    void railsCanBeNamedWhenTheirNamesAreRootOnly() {
        NanoFixture.build(root);
        FailingReader reader = new FailingReader();
        for (int ch = 0; ch < 3; ch++) {
            reader.rootOnly(root.resolve(NanoFixture.DEVICE + "/rail_name_" + ch));
        }
        Discovery d = new SensorDiscovery(root, reader, node -> {
            throw new IOException("none");
        }).discover(new DiscoveryOptions(true, 10_000, List.of(),
                Map.of("6-0040/ch0", "POM_5V_IN", "6-0040/ch2", "POM_5V_CPU", "6-0041/ch0", "nothing")));
        assertThat(d.rails()).extracting(Rail::id).containsExactly("POM_5V_IN", "6-0040/ch1", "POM_5V_CPU");
        assertThat(d.rails().get(0).label()).contains("discovered as 6-0040/ch0");
        assertThat(d.problems()).anySatisfy(p -> assertThat(p).contains("rail name given for 6-0041/ch0")
                .contains("6-0040/ch1"));
        Readings r = new Readings(3);
        d.sensors().get(0).read(r);
        assertThat(r.value(0)).isEqualTo(0.933);
    }

    @Test
    void anEmptyRootHasNothingAndNoProblems() {
        Discovery d = new SensorDiscovery(root).discover(DiscoveryOptions.defaults());
        assertThat(d.sensors()).isEmpty();
        assertThat(d.problems()).isEmpty();
    }
}
