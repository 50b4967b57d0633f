package org.dynnd.sensors.hwmon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.fixtures.FakeSysfs;
import org.dynnd.sensors.fixtures.OrinFixture;
import org.dynnd.sensors.fixtures.Xu3HwmonFixture;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwmonTest {
    @TempDir
    Path root;

    private final List<String> problems = new ArrayList<>();

    private List<PowerSensor> scan() {
        return HwmonDiscovery.scan(root, SysfsReader.files(), Plausibility.DEFAULT_MAX_WATTS, problems::add);
    }

    @Test
    void orinRailsSkipNotConnectedChannelsAndTheSumChannel() {
        OrinFixture.build(root);
        List<PowerSensor> sensors = scan();
        // Each chip once, although it is reachable through the driver and through /sys/class/hwmon.
        assertThat(sensors).extracting(PowerSensor::id).containsExactly("hwmon:ina3221@1-0040", "hwmon:ina3221@1-0041");
        assertThat(sensors).flatExtracting(PowerSensor::rails).extracting(Rail::id)
                .containsExactly("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO");
        assertThat(sensors.get(0).refreshIntervalNanos()).isEqualTo(26_000_000L);
        Readings r = new Readings(3);
        sensors.get(0).read(r);
        assertThat(r.value(0)).isEqualTo(2.390);
        assertThat(r.value(1)).isEqualTo(0.795); // 5000 mV * 159 mA
        assertThat(r.value(2)).isEqualTo(3.520);
        Readings one = new Readings(1);
        sensors.get(1).read(one);
        assertThat(one.value(0)).isEqualTo(0.300);
        assertThat(problems).isEmpty();
    }

    @Test
    void aChannelSwitchedOffIsLeftOutWithAReason() {
        OrinFixture o = OrinFixture.build(root);
        o.fs().set(OrinFixture.CHIP_40 + "/in2_enable", "0\n");
        List<PowerSensor> sensors = scan();
        assertThat(sensors.get(0).rails()).extracting(Rail::id).containsExactly("VDD_GPU_SOC", "VIN_SYS_5V0");
        assertThat(problems).singleElement().asString().contains("in2_enable").contains("VDD_CPU_CV");
    }

    @Test
    void aMissingCurrentFileIsReportedPerRail() {
        OrinFixture o = OrinFixture.build(root);
        List<PowerSensor> sensors = scan();
        o.fs().delete(OrinFixture.CHIP_40 + "/curr3_input");
        Readings r = new Readings(3);
        sensors.get(0).read(r);
        assertThat(r.status(0)).isEqualTo(Status.OK);
        assertThat(r.status(2)).isEqualTo(Status.MISSING);
    }

    @Test
    void anUnlabelledEnabledInputOfAGenericBoardIsARail() {
        // A board whose DT describes no inputs: no labels; ch3 disabled at run time (enable 0).
        FakeSysfs fs = new FakeSysfs(root);
        String dir = "sys/devices/platform/fe5c0000.i2c/i2c-3/3-0041/hwmon/hwmon2";
        fs.file(dir + "/name", "ina3221\n", "0444");
        for (int ch = 1; ch <= 3; ch++) {
            fs.file(dir + "/in" + ch + "_enable", ch == 3 ? "0\n" : "1\n", "0644");
            fs.file(dir + "/in" + ch + "_input", "12000\n", "0444");
            fs.file(dir + "/curr" + ch + "_input", "250\n", "0444");
        }
        fs.link("sys/class/hwmon/hwmon2", "../../devices/platform/fe5c0000.i2c/i2c-3/3-0041/hwmon/hwmon2");
        List<PowerSensor> sensors = scan();
        assertThat(sensors.get(0).rails()).extracting(Rail::id).containsExactly("3-0041/in1", "3-0041/in2");
        Readings r = new Readings(2);
        sensors.get(0).read(r);
        assertThat(r.value(1)).isEqualTo(3.0);
        assertThat(problems).isEmpty();
    }

    @Test
    void readsAMainlineIna231InMicrowattsNamedByItsDevice() {
        // boards/odroid-xu3.yaml, ina231_mainline_hwmon: ina2xx driver, power1_input in uW, no labels.
        Xu3HwmonFixture.build(root);
        List<PowerSensor> sensors = scan();
        assertThat(sensors).singleElement().satisfies(s -> {
            assertThat(s.rails()).extracting(Rail::id).containsExactly("ina231@0-0040");
            assertThat(s.refreshIntervalNanos()).isEqualTo(35_000_000L);
        });
        Readings r = new Readings(1);
        sensors.get(0).read(r);
        assertThat(r.value(0)).isEqualTo(0.518144);
    }
}
