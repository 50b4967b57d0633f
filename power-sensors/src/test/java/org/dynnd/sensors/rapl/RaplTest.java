package org.dynnd.sensors.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.fixtures.FakeSysfs;
import org.dynnd.sensors.fixtures.RaplFixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplTest {
    @TempDir
    Path root;

    private final List<String> problems = new ArrayList<>();

    @Test
    void listsZonesByTheirNamesAsEnergyCounters() {
        RaplFixture.build(root);
        List<PowerSensor> sensors = RaplDiscovery.scan(root, SysfsReader.files(), problems::add);
        assertThat(sensors).singleElement().satisfies(s -> {
            assertThat(s.rails()).extracting(Rail::id)
                    .containsExactly("package-0", "package-0/core", "package-0/uncore", "psys");
            assertThat(s.rails()).extracting(Rail::quantity).containsOnly(Quantity.ENERGY);
            assertThat(s.rails()).extracting(Rail::fileUnit).containsOnly("uJ");
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void fallsBackToTheDeviceTreeWithoutClassLinks() {
        RaplFixture.build(root);
        FakeSysfs fs = new FakeSysfs(root);
        for (String link : List.of("intel-rapl", "intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1", "intel-rapl:1")) {
            fs.delete("sys/class/powercap/" + link);
        }
        List<PowerSensor> sensors = RaplDiscovery.scan(root, SysfsReader.files(), problems::add);
        assertThat(sensors.get(0).rails()).extracting(Rail::id)
                .containsExactly("package-0", "package-0/core", "package-0/uncore", "psys");
    }

    @Test
    void theMmioMirrorOfThePackageIsNotCountedTwice() {
        RaplFixture rapl = RaplFixture.build(root);
        String mmio = "sys/devices/virtual/powercap/intel-rapl-mmio/intel-rapl-mmio:0";
        rapl.fs().file(mmio + "/name", "package-0\n", "0444");
        rapl.fs().file(mmio + "/energy_uj", "2469474853\n", "0400");
        rapl.fs().file(mmio + "/max_energy_range_uj", "262143999938\n", "0444");
        rapl.fs().link("sys/class/powercap/intel-rapl-mmio:0",
                "../../devices/virtual/powercap/intel-rapl-mmio/intel-rapl-mmio:0");
        List<PowerSensor> sensors = RaplDiscovery.scan(root, SysfsReader.files(), problems::add);
        assertThat(sensors.get(0).rails()).extracting(Rail::source).noneMatch(p -> p.toString().contains("mmio"));
        assertThat(sensors.get(0).rails()).hasSize(4);
    }

    @Test
    void zoneIdsAreHex() {
        FakeSysfs fs = new FakeSysfs(root);
        String zone = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:a";
        fs.file(zone + "/name", "package-10\n", "0444");
        fs.file(zone + "/energy_uj", "10\n", "0400");
        fs.file(zone + "/max_energy_range_uj", "262143999938\n", "0444");
        List<PowerSensor> sensors = RaplDiscovery.scan(root, SysfsReader.files(), problems::add);
        assertThat(sensors.get(0).rails()).extracting(Rail::id).containsExactly("package-10");
    }

    @Test
    void countsJoulesFromTheFirstReadingAndUnwrapsAtTheRange() {
        RaplFixture rapl = RaplFixture.build(root);
        PowerSensor s = RaplDiscovery.scan(root, SysfsReader.files(), problems::add).get(0);
        Readings r = new Readings(4);
        rapl.energy(RaplFixture.PACKAGE, RaplFixture.RANGE_UJ - 1_000_000);
        s.read(r);
        assertThat(r.value(0)).isZero();
        rapl.energy(RaplFixture.PACKAGE, 2_500_000);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.WRAPPED);
        assertThat(r.value(0)).isEqualTo(3.5);
        rapl.energy(RaplFixture.PACKAGE, 4_500_000);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.OK);
        assertThat(r.value(0)).isEqualTo(5.5);
    }

    @Test
    void aCounterGoingBackwardsIsReportedAndReAnchored() {
        RaplFixture rapl = RaplFixture.build(root);
        PowerSensor s = RaplDiscovery.scan(root, SysfsReader.files(), problems::add).get(0);
        Readings r = new Readings(4);
        rapl.energy(RaplFixture.PACKAGE, 100_000_000_000L);
        s.read(r);
        rapl.energy(RaplFixture.PACKAGE, 90_000_000_000L); // 10 kJ back, far from the top of the range
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.COUNTER_BACKWARDS);
        assertThat(r.value(0)).isZero();
        rapl.energy(RaplFixture.PACKAGE, 90_002_000_000L);
        s.read(r);
        assertThat(r.status(0)).isEqualTo(Status.OK);
        assertThat(r.value(0)).isEqualTo(2.0);
    }

    @Test
    void aRootOnlyCounterIsExplained() {
        RaplFixture.build(root);
        FailingReader reader = new FailingReader().rootOnly(root.resolve("sys/class/powercap/intel-rapl:0/energy_uj"));
        List<PowerSensor> sensors = RaplDiscovery.scan(root, reader, problems::add);
        assertThat(sensors.get(0).rails()).extracting(Rail::id).doesNotContain("package-0");
        assertThat(problems).singleElement().asString().contains("intel-rapl:0/energy_uj").contains("root")
                .contains("0400").contains("CVE-2020-8694").contains("0444");
    }

    @Test
    void aZoneWithoutARangeCannotBeUnwrappedAndIsSkipped() {
        RaplFixture rapl = RaplFixture.build(root);
        rapl.fs().set(RaplFixture.PSYS + "/max_energy_range_uj", "\n");
        List<PowerSensor> sensors = RaplDiscovery.scan(root, SysfsReader.files(), problems::add);
        assertThat(sensors.get(0).rails()).extracting(Rail::id).doesNotContain("psys");
        assertThat(problems).singleElement().asString().contains("intel-rapl:1/max_energy_range_uj");
    }
}
