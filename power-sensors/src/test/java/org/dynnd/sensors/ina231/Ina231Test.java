package org.dynnd.sensors.ina231;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.fixtures.Xu3Fixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ina231Test {
    @TempDir
    Path root;

    private final List<String> problems = new ArrayList<>();

    private List<PowerSensor> scan(boolean enable) {
        return Ina231Discovery.scan(root, SysfsReader.files(), enable, Plausibility.DEFAULT_MAX_WATTS, problems::add);
    }

    @ParameterizedTest(name = "bus {0}")
    @ValueSource(ints = {0, 3, 4})
    void findsTheFourRailsWhateverTheBusNumber(int bus) {
        Xu3Fixture.build(root, bus, true);
        List<PowerSensor> sensors = scan(true);
        assertThat(sensors).extracting(PowerSensor::id).containsExactly(
                "ina231:" + bus + "-0040", "ina231:" + bus + "-0041", "ina231:" + bus + "-0044",
                "ina231:" + bus + "-0045");
        assertThat(sensors).flatExtracting(PowerSensor::rails).extracting(Rail::id)
                .containsExactly("a15", "mem", "gpu", "a7");
        assertThat(sensors).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(SensorKind.INA231_SYSFS);
            assertThat(s.refreshIntervalNanos()).isEqualTo(263_808_000L);
            assertThat(s.rails().get(0).fileUnit()).isEqualTo("W");
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void readsTheWorkedExampleOfTheYaml() {
        Xu3Fixture xu3 = Xu3Fixture.build(root, 3, true);
        // reg_bus_volt 810, reg_current 1872 on sensor_arm: 1.012500 V, 0.512928 A, 0.518144 W
        assertThat(xu3.fs().read(xu3.dir(Xu3Fixture.ARM) + "/sensor_W")).isEqualTo("0.518144\n");
        PowerSensor arm = scan(true).get(0);
        Readings r = new Readings(1);
        arm.read(r);
        assertThat(r.status(0)).isEqualTo(Status.OK);
        assertThat(r.value(0)).isEqualTo(0.518144);
        long uw = xu3.registers(Xu3Fixture.ARM, 1000, 8000);
        arm.read(r);
        assertThat(r.value(0)).isEqualTo(uw / 1e6);
    }

    @Test
    void enablesChipsThatAreOff() {
        Xu3Fixture xu3 = Xu3Fixture.build(root, 0, false);
        scan(true);
        for (Xu3Fixture.Chip c : Xu3Fixture.CHIPS) {
            assertThat(xu3.fs().read(xu3.dir(c) + "/enable")).isEqualTo("1\n");
        }
    }

    @Test
    void explainsHowToEnableAChipWhenWritingEnableIsRefused() {
        Xu3Fixture xu3 = Xu3Fixture.build(root, 3, false);
        Path enable = root.resolve(xu3.dir(Xu3Fixture.KFC) + "/enable");
        FailingReader reader = new FailingReader().readOnly(enable);
        Ina231Discovery.scan(root, reader, true, Plausibility.DEFAULT_MAX_WATTS, problems::add);
        assertThat(problems).singleElement().asString().contains("3-0045/enable").contains("disabled")
                .contains("AccessDeniedException").contains("echo 1 > " + enable);
        assertThat(xu3.fs().read(xu3.dir(Xu3Fixture.KFC) + "/enable")).isEqualTo("0\n");
        assertThat(xu3.fs().read(xu3.dir(Xu3Fixture.ARM) + "/enable")).isEqualTo("1\n");
    }

    @Test
    void aDisabledChipReadsAsDisabledNotAsZeroWatts() {
        Xu3Fixture xu3 = Xu3Fixture.build(root, 3, false);
        PowerSensor gpu = scan(false).get(2);
        Readings r = new Readings(1);
        gpu.read(r);
        assertThat(r.status(0)).isEqualTo(Status.DISABLED);
        assertThat(r.value(0)).isNaN();
        xu3.fs().set(xu3.dir(Xu3Fixture.G3D) + "/enable", "1\n");
        gpu.read(r);
        assertThat(r.status(0)).isEqualTo(Status.OK);
        assertThat(r.value(0)).isZero();
    }

    @Test
    void reportsAnUpdatePeriodThatIsNotInTheDriverFormat() {
        Xu3Fixture xu3 = Xu3Fixture.build(root, 3, true);
        xu3.fs().set(xu3.dir(Xu3Fixture.MEM) + "/update_period", "263808\n");
        List<PowerSensor> sensors = scan(true);
        assertThat(sensors.get(1).refreshIntervalNanos()).isEqualTo(Ina231Sensor.DEFAULT_UPDATE_PERIOD_NANOS);
        assertThat(problems).singleElement().asString()
                .contains("3-0041/update_period").contains("usec").contains("\"263808\"");
    }
}
