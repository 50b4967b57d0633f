package org.dynnd.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorInfoTest {
    private static final Path DIR = Path.of("/sys/bus/i2c/drivers/ina3221x/6-0040/iio:device0");

    private static Rail rail(String id) {
        return new Rail(id, id, Quantity.POWER, DIR.resolve("in_power0_input"), "mW");
    }

    @Test
    void renamingRailsKeepsEverythingElse() {
        SensorInfo info = new SensorInfo("ina3221x:6-0040/iio:device0", SensorKind.INA3221_IIO, DIR,
                List.of(rail("6-0040/ch0")), 422_400_000L, 1e-3);
        SensorInfo renamed = info.withRails(List.of(rail("POM_5V_IN")));
        assertThat(renamed.rails()).extracting(Rail::id).containsExactly("POM_5V_IN");
        assertThat(renamed).isEqualTo(new SensorInfo(info.id(), info.kind(), info.path(), renamed.rails(),
                info.refreshIntervalNanos(), info.resolution()));
    }

    @Test
    void renamingCannotChangeHowManySlotsAReadFills() {
        SensorInfo info = new SensorInfo("s", SensorKind.HWMON, DIR, List.of(rail("a"), rail("b")), 0, 0);
        assertThatThrownBy(() -> info.withRails(List.of(rail("a"))))
                .hasMessageContaining("sensor s").hasMessageContaining("2 rails, but 1");
    }

    @Test
    void theRailsCannotBeChangedBehindTheSensorsBack() {
        List<Rail> rails = new ArrayList<>(List.of(rail("a")));
        SensorInfo info = new SensorInfo("s", SensorKind.HWMON, DIR, rails, 0, 0);
        rails.add(rail("b"));
        assertThat(info.rails()).extracting(Rail::id).containsExactly("a");
    }

    @Test
    void aNegativeIntervalOrResolutionIsRefusedWithTheSensorsId() {
        assertThatThrownBy(() -> new SensorInfo("rapl", SensorKind.RAPL, DIR, List.of(), -1, 0))
                .hasMessageContaining("rapl").hasMessageContaining("refresh interval").hasMessageContaining("-1");
        assertThatThrownBy(() -> new SensorInfo("rapl", SensorKind.RAPL, DIR, List.of(), 0, Double.NaN))
                .hasMessageContaining("resolution").hasMessageContaining("NaN");
    }
}
