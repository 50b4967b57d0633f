package org.dynnd.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a temporary sysfs tree laid out like a board's cpufreq policy. */
class HardwareStateFileTest {

    private static final String GOVERNOR = "/sys/devices/system/cpu/cpufreq/policy0/scaling_governor";
    private static final String MAX = "/sys/devices/system/cpu/cpufreq/policy0/scaling_max_freq";

    @TempDir
    Path root;

    @TempDir
    Path run;

    Path state;

    @BeforeEach
    void tree() throws Exception {
        Path policy = root.resolve("sys/devices/system/cpu/cpufreq/policy0");
        Files.createDirectories(policy);
        Files.writeString(policy.resolve("scaling_governor"), "schedutil\n");
        Files.writeString(policy.resolve("scaling_max_freq"), "1800000\n");
        state = run.resolve("hardware-state.json");
    }

    private Path sys(String path) {
        return root.resolve(path.substring(1));
    }

    @Test
    void originalIsOnDiskBeforeTheFirstChangeAndRestoredOnStop() throws Exception {
        HardwareStateFile file = new HardwareStateFile(state, root, 1234);
        assertThat(state).doesNotExist();
        file.rememberBeforeWrite(GOVERNOR);
        assertThat(Files.readString(state)).contains("\"pid\" : 1234", "schedutil\\n", GOVERNOR);
        Files.writeString(sys(GOVERNOR), "userspace\n");
        file.rememberBeforeWrite(GOVERNOR); // a second write keeps the first original
        file.rememberBeforeWrite(MAX);
        Files.writeString(sys(MAX), "600000\n");
        assertThat(file.originals()).containsEntry(GOVERNOR, "schedutil\n").containsEntry(MAX, "1800000\n");

        RestoreReport report = file.restore();
        assertThat(report.restored()).isEqualTo(2);
        assertThat(report.failures()).isEmpty();
        assertThat(sys(GOVERNOR)).hasContent("schedutil");
        assertThat(Files.readString(sys(MAX))).isEqualTo("1800000\n");
        assertThat(state).doesNotExist();
    }

    @Test
    void leftoverOfADeadRunIsRestoredOnStartAndRemoved() throws Exception {
        HardwareStateFile dead = new HardwareStateFile(state, root, 999);
        dead.rememberBeforeWrite(MAX);
        Files.writeString(sys(MAX), "200000\n");
        // the process dies here: no restore

        RestoreReport report = HardwareStateFile.restoreLeftover(state).orElseThrow();
        assertThat(report.restored()).isEqualTo(1);
        assertThat(Files.readString(sys(MAX))).isEqualTo("1800000\n");
        assertThat(state).doesNotExist();
        assertThat(HardwareStateFile.restoreLeftover(state)).isEmpty();
    }

    @Test
    void aFileThatCannotBeRestoredIsReportedAndTheOthersStillAre() throws Exception {
        HardwareStateFile file = new HardwareStateFile(state, root, 1);
        file.rememberBeforeWrite(GOVERNOR);
        file.rememberBeforeWrite(MAX);
        Files.writeString(sys(MAX), "1\n");
        Files.delete(sys(GOVERNOR));
        Files.createDirectory(sys(GOVERNOR)); // a driver that went away, say
        RestoreReport report = file.restore();
        assertThat(report.restored()).isEqualTo(1);
        assertThat(report.failures()).singleElement().asString().startsWith(GOVERNOR + ": ");
        assertThat(Files.readString(sys(MAX))).isEqualTo("1800000\n");
    }

    @Test
    void corruptLeftoverIsKeptAndExplained() throws Exception {
        Files.writeString(state, "{\"version\":7}");
        assertThatThrownBy(() -> HardwareStateFile.restoreLeftover(state)).hasMessageContaining("version 1").hasMessageContaining(state.toString());
        assertThat(state).exists();
    }

    @Test
    void pathsMustBeAbsoluteAndStayUnderTheRoot() {
        HardwareStateFile file = new HardwareStateFile(state, root, 1);
        assertThatThrownBy(() -> file.rememberBeforeWrite("sys/x")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> file.rememberBeforeWrite("/sys/../etc/passwd")).hasMessageContaining("..");
    }
}
