package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.board.BoardSession;
import org.dynnd.daemon.board.FakeGenericBoard;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.models.runtime.DynamicModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real board the report cannot measure is refused before anything is written. */
class BoardMeasurementTest {

    private static final Path PRESETS = Path.of("../../config/boards");
    /** The shipped bundle's full width: what a board model would scale its latencies with. */
    private static final long FULL_MACS = new GroupedAlexNetCost(4).macs(4);

    @Test
    void aBoardWhoseFrequenciesCannotBeWrittenIsRefusedAsNeedingRoot(@TempDir Path dir) throws Exception {
        try (FakeGenericBoard board = FakeGenericBoard.create(dir.resolve("sysfs"), true)) {
            Map<String, String> before = board.cpufreqFiles();
            Path state = dir.resolve("state.json");
            // What a user other than root sees: sysfs's cpufreq files are root's, mode 0644.
            assertThatThrownBy(() -> BoardMeasurement.open("generic", PRESETS, board.root(), dir, "state.json", FULL_MACS,
                    p -> !p.toString().contains("cpufreq"), board.clock()))
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
            assertThatThrownBy(() -> BoardMeasurement.open("generic", PRESETS, board.root(), dir, "state.json", FULL_MACS, System::nanoTime))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("board generic: no readable power sensor under " + board.root())
                    .hasMessageContaining("run as root");
            assertThat(board.cpufreqFiles()).isEqualTo(before);
        }
    }

    @Test
    void anUnknownBoardNamesTheAllowedOnes(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> BoardMeasurement.open("raspberry", PRESETS, dir, dir, "state.json", FULL_MACS, System::nanoTime))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no board preset 'raspberry'")
                .hasMessageContaining("allowed: auto, ").hasMessageContaining("generic");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void closingWhileCalibratingPutsTheFilesBackAndNoLaterWriteLands(@TempDir Path dir) throws Exception {
        try (FakeGenericBoard board = FakeGenericBoard.create(dir.resolve("sysfs"), true);
                DynamicModel model = DynamicModel.open(Path.of("../../models/zoo/alexnet-g4-fmnist"))) {
            Map<String, String> before = board.cpufreqFiles();
            Path state = dir.resolve("state.json");
            ModelProfile profile = new GroupedAlexNetCost(4).profile(model.manifest().architecture(), "test",
                    new double[] {80, 82, 84, 86});
            BoardSession session = BoardMeasurement.open("generic", PRESETS, board.root(), dir, "state.json", FULL_MACS, board.clock());
            ExecutorService calibration = Executors.newSingleThreadExecutor();
            Future<?> run = calibration.submit(() -> BoardMeasurement.calibrate(session, model, profile, Duration.ofMinutes(1), 3, board.clock()));
            // What the shutdown hook does on Ctrl-C: restore while the calibration is writing the knobs.
            while (!Files.exists(state)) {
                Thread.sleep(20);
            }
            session.close();
            assertThat(board.cpufreqFiles()).isEqualTo(before);
            assertThat(state).doesNotExist();
            try {
                run.get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                // A calibration cut short may fail: what matters is the hardware below.
            }
            calibration.shutdownNow();
            assertThat(board.cpufreqFiles()).isEqualTo(before);
            assertThat(state).doesNotExist();
        }
    }
}
