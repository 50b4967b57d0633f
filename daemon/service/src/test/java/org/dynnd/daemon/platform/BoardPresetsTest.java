package org.dynnd.daemon.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dynnd.daemon.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardPresetsTest {

    private static final Path SHIPPED = Path.of("../..", "config", "boards");

    @Test
    void theShippedPresetsReadAndNameTheirRails() throws Exception {
        BoardPresets presets = BoardPresets.load(SHIPPED);
        assertThat(presets.all()).extracting(BoardPreset::name)
                .containsExactly("generic", "jetson-nano", "jetson-orin", "odroid-xu3");
        BoardPreset xu3 = presets.byName("odroid-xu3").orElseThrow();
        assertThat(xu3.sensors().rails()).extracting(BoardPreset.RailPreset::address).containsExactly(0x40, 0x41, 0x44, 0x45);
        assertThat(xu3.sensors().rails()).extracting(BoardPreset.RailPreset::unit).containsExactly("a15", "memory", "gpu", "a7");
        assertThat(xu3.units()).extracting(BoardPreset.UnitPreset::cpufreqPolicy).containsExactly("policy0", "policy4");
        assertThat(presets.byName("jetson-nano").orElseThrow().sensors().totalRail()).isEqualTo("POM_5V_IN");
    }

    @Test
    void detectsTheBoardFromItsSysfsTree(@TempDir Path root) throws Exception {
        BoardPresets presets = BoardPresets.load(SHIPPED);
        assertThat(presets.detect(root).name()).isEqualTo("generic");
        Files.createDirectories(root.resolve("sys/bus/i2c/drivers/INA231/3-0040"));
        assertThat(presets.detect(root).name()).isEqualTo("odroid-xu3");
    }

    @Test
    void aPresetWhoseNameDiffersFromItsFileIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("board-a.yaml"), "name: board-b\nsensors: {backend: rapl}\n");
        assertThatThrownBy(() -> BoardPresets.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("board-a.yaml") + ": name: 'board-b' differs from the file name; allowed: board-a");
    }

    @Test
    void aTotalRailThatIsNotARailIsRefusedWithItsPosition(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yaml"), """
                name: b
                sensors:
                  backend: hwmon
                  total_rail: VDD_IN
                  rails: [{name: VDD_CPU}]
                """);
        assertThatThrownBy(() -> BoardPresets.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("b.yaml") + ":4:3: sensors.total_rail: 'VDD_IN' is not one of the rails listed; allowed: VDD_CPU or \"\"");
    }

    @Test
    void aUnitNeedsExactlyOneFrequencyKnob(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yaml"), "name: b\nsensors: {backend: auto}\nunits: [{name: u}]\n");
        assertThatThrownBy(() -> BoardPresets.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("units.0.cpufreq_policy: unit 'u' needs exactly one of cpufreq_policy and devfreq");
    }
}
