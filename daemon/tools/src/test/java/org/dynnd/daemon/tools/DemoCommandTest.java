package org.dynnd.daemon.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dynnd.daemon.cli.Cli;
import org.dynnd.daemon.cli.DynndMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dynnd demo} when its daemon cannot start: a distribution whose {@code bin/dynnd} fails
 * as a daemon with a bad configuration does, with the repository's Fashion-MNIST test images.
 */
class DemoCommandTest {

    @TempDir
    Path home;

    private final String before = System.getProperty("dynnd.home");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("dynnd.home");
        } else {
            System.setProperty("dynnd.home", before);
        }
    }

    @Test
    void aDaemonThatDoesNotStartIsOneLineThatPointsAtItsLog() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path dynnd = bin.resolve("dynnd");
        Files.writeString(dynnd, "#!/bin/sh\necho 'dynnd run: /etc/dynnd/dynnd.yaml:1:1: broken' >&2\nexit 2\n");
        Files.setPosixFilePermissions(dynnd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(home.resolve("data"));
        Files.createSymbolicLink(home.resolve("data/fashion-mnist"), Path.of("../../models/data/fashion-mnist").toAbsolutePath());
        System.setProperty("dynnd.home", home.toString());
        Path out = home.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine line = DynndMain.commandLine();
        line.setOut(new PrintWriter(new StringWriter(), true));
        line.setErr(new PrintWriter(err, true));
        assertThat(line.execute("demo", "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("dynnd demo: the daemon exited with code 2 before listening on ")
                .contains("its log: " + out.resolve("daemon.log"), "last line: dynnd run: /etc/dynnd/dynnd.yaml:1:1: broken")
                .doesNotContain("Exception").hasLineCount(1);
    }
}
