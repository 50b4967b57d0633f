package org.dynnd.sensors.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.junit.jupiter.api.Test;

class MeterConfigTest {
    private static final List<Rail> XU3 = List.of("a15", "mem", "gpu", "a7").stream()
            .map(id -> new Rail(id, id, Quantity.POWER, Path.of("/sys/bus/i2c/drivers/INA231"), "W")).toList();

    @Test
    void selectsTheNamedRailsInConfigurationOrder() {
        MeterConfig c = new MeterConfig(100_000_000L, 16, List.of("a7", "a15"), Optional.empty(),
                Map.of("little", List.of("a7"), "big", List.of("a15")));
        assertThat(c.select(XU3)).extracting(Rail::id).containsExactly("a7", "a15");
        assertThat(MeterConfig.defaults().select(XU3)).extracting(Rail::id).containsExactly("a15", "mem", "gpu", "a7");
    }

    @Test
    void namesEveryUnknownRailAndWhatExists() {
        MeterConfig c = new MeterConfig(100_000_000L, 16, List.of("a15", "VDD_IN"), Optional.of("POM_5V_IN"),
                Map.of("gpu", List.of("g3d")));
        assertThatThrownBy(() -> c.select(XU3))
                .hasMessageContaining("rail VDD_IN is not among the discovered rails")
                .hasMessageContaining("total rail POM_5V_IN is not sampled")
                .hasMessageContaining("rail g3d of compute unit gpu is not sampled")
                .hasMessageContaining("Rails available: a15, mem, gpu, a7");
    }

    @Test
    void rejectsPeriodsCapacitiesAndUnitsOutOfRange() {
        assertThatThrownBy(() -> new MeterConfig(10, 16, List.of(), Optional.empty(), Map.of()))
                .hasMessageContaining("sampling period must be 1 ms .. 60 s, got 10 ns");
        assertThatThrownBy(() -> new MeterConfig(100_000_000L, 1, List.of(), Optional.empty(), Map.of()))
                .hasMessageContaining("ring capacity must be 2 .. 10000000 samples, got 1");
        assertThatThrownBy(() -> new MeterConfig(100_000_000L, 16, List.of(), Optional.empty(),
                Map.of("big", List.of()))).hasMessageContaining("compute unit big has no rails");
    }
}
