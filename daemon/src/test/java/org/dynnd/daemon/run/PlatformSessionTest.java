package org.dynnd.daemon.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dynnd.daemon.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real board the report cannot measure is refused before anything is written. */
class PlatformSessionTest {

    private static final Path PRESETS = Path.of("../config/boards");

    @Test
    void aBoardWhoseFrequenciesCannotBeWrittenIsRefusedAsNeedingRoot(@TempDir Path dir) throws Exception {
        try (FakeGenericBoard board = FakeGenericBoard.create(dir.resolve("sysfs"), true)) {
            Map<String, String> before = board.cpufreqFiles();
            Path state = dir.resolve("state.json");
            // What a user other than root sees: sysfs's cpufreq files are root's, mode 0644.
            assertThatThrownBy(() -> PlatformSession.open("generic", PRESETS, board.root(), state, 4,
                    p -> !p.toString().contains("cpufreq")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("board generic: cannot write " + board.root().resolve(FakeGenericBoard.CPUFREQ))
                    .hasMessageContaining("needs root");
            assertThat(board.cpufreqFiles()).isEqualTo(before);
            assertThat(state).doesNotExist();
        }
    }

    @Test
    void aBoardWithoutAReadablePowerSensorIsRefused(@TempDir Path dir) throws Exception {
        try (FakeGenericBoard board = FakeGenericBoard.create(dir.resolve("sysfs"), false)) {
            Map<String, String> before = board.cpufreqFiles();
            assertThatThrownBy(() -> PlatformSession.open("generic", PRESETS, board.root(), dir.resolve("state.json"), 4))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("board generic: no readable power sensor under " + board.root())
                    .hasMessageContaining("run as root");
            assertThat(board.cpufreqFiles()).isEqualTo(before);
        }
    }

    @Test
    void anUnknownBoardNamesTheAllowedOnes(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PlatformSession.open("raspberry", PRESETS, dir, dir.resolve("state.json"), 4))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no board preset 'raspberry'")
                .hasMessageContaining("allowed: auto, ").hasMessageContaining("generic");
        assertThat(Files.list(dir)).isEmpty();
    }
}
