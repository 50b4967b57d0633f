package org.dynnd.sensors.ina3221;

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
import org.dynnd.sensors.fixtures.NanoFixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ina3221IioTest {
    @TempDir
    Path root;

    private final List<String> problems = new ArrayList<>();

    @Test
    void readsTheNanoRailsInMilliwatts() {
        NanoFixture.build(root);
        List<PowerSensor> sensors =
                Ina3221IioDiscovery.scan(root, SysfsReader.files(), Plausibility.DEFAULT_MAX_WATTS, problems::add);
        assertThat(sensors).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("ina3221x:6-0040/iio:device0");
            assertThat(s.kind()).isEqualTo(SensorKind.INA3221_IIO);
            assertThat(s.refreshIntervalNanos()).isEqualTo(422_400_000L);
            assertThat(s.rails()).extracting(Rail::id).containsExactly(NanoFixture.RAILS);
            assertThat(s.rails()).extracting(Rail::fileUnit).containsOnly("mW");
        });
        Readings r = new Readings(3);
        sensors.get(0).read(r);
        // tegrastats sample: POM_5V_IN 933, POM_5V_GPU 0, POM_5V_CPU 84 (mW)
        assertThat(r.value(0)).isEqualTo(0.933);
        assertThat(r.value(1)).isZero();
        assertThat(r.status(1)).isEqualTo(Status.OK);
        assertThat(r.value(2)).isEqualTo(0.084);
        assertThat(problems).isEmpty();
    }

    @Test
    void namesChannelsByIndexWhenRailNamesAreRootOnly() {
        NanoFixture.build(root);
        FailingReader reader = new FailingReader();
        for (int ch = 0; ch < 3; ch++) {
            reader.rootOnly(root.resolve(NanoFixture.DEVICE + "/rail_name_" + ch));
        }
        List<PowerSensor> sensors =
                Ina3221IioDiscovery.scan(root, reader, Plausibility.DEFAULT_MAX_WATTS, problems::add);
        assertThat(sensors.get(0).rails()).extracting(Rail::id).containsExactly("6-0040/ch0", "6-0040/ch1",
                "6-0040/ch2");
        assertThat(problems).singleElement().asString().contains("rail_name_N").contains("0600")
                .contains("root");
    }
}
