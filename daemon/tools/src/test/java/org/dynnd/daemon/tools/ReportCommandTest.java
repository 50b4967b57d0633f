package org.dynnd.daemon.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dynnd.daemon.board.FakeGenericBoard;
import org.dynnd.daemon.cli.Cli;
import org.dynnd.daemon.cli.DynndMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private static final String MODEL = "../../models/zoo/alexnet-g4-fmnist";

    private record Run(int code, String err) {}

    private static Run run(Path home, String... args) {
        PrintStream err = System.err;
        String before = System.getProperty("dynnd.home");
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setProperty("dynnd.home", home.toString());
            int code = DynndMain.commandLine().execute(args);
            return new Run(code, e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            if (before == null) {
                System.clearProperty("dynnd.home");
            } else {
                System.setProperty("dynnd.home", before);
            }
        }
    }

    @Test
    void aRealBoardWhoseFilesAreMissingIsRefusedInOneLine(@TempDir Path dir) {
        Run r = run(Path.of("../.."), "report", "--platform", "jetson-nano", "--sysfs-root", dir.toString(), "--out",
                dir.resolve("r").toString(), "--model", MODEL);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("board jetson-nano: cannot read cpufreq policy0")
                .contains(dir.resolve("sys/devices/system/cpu/cpufreq/policy0").toString());
        Run unknown = run(Path.of("../.."), "report", "--platform", "jetson-tx2", "--sysfs-root", dir.toString(), "--out",
                dir.resolve("r").toString(), "--model", MODEL);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no board preset 'jetson-tx2'").contains("allowed: auto, ").contains("generic");
    }

    @Test
    void aRealBoardWithoutAPowerSensorIsRefusedAndLeftAsItWas(@TempDir Path dir) throws Exception {
        try (FakeGenericBoard board = FakeGenericBoard.create(dir.resolve("sysfs"), false)) {
            var before = board.cpufreqFiles();
            Run r = run(Path.of("../.."), "report", "--platform", "generic", "--sysfs-root", board.root().toString(), "--out",
                    dir.resolve("r").toString(), "--model", MODEL);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("board generic: no readable power sensor under " + board.root())
                    .contains("run as root").doesNotContain("restored");
            assertThat(board.cpufreqFiles()).isEqualTo(before);
        }
    }

    @Test
    void badOptionsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Run samples = run(Path.of("../.."), "report", "--samples", "0");
        assertThat(samples.code()).isEqualTo(2);
        assertThat(samples.err()).contains("--samples").contains("allowed: 1 to 100000");
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Run out = run(Path.of("../.."), "report", "--out", file.toString());
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err()).contains(file.toString()).contains("is a file");
        Run model = run(Path.of("../.."), "report", "--model", dir.resolve("none").toString(), "--out", dir.resolve("r").toString());
        assertThat(model.code()).isEqualTo(2);
        assertThat(model.err()).contains(dir.resolve("none").toString());
    }
}
