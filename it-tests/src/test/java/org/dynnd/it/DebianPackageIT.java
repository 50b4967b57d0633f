package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build made: its control data, every file and mode, the conffile, that
 * the extracted commands run, and that systemd accepts its units.
 */
class DebianPackageIT {

    static Path deb;
    @TempDir
    static Path scratch;

    @BeforeAll
    static void extract() throws Exception {
        try (Stream<Path> files = Files.list(Command.distribution().getParent())) {
            deb = files.filter(p -> p.getFileName().toString().matches("dynnd_.*\\.deb")).findFirst().orElseThrow(
                    () -> new AssertionError("no dynnd_*.deb next to the distribution: the daemon module builds it in package"));
        }
        assertThat(run("dpkg-deb", "-x", deb.toString(), scratch.toString()).exitCode()).isZero();
    }

    @Test
    void theControlDataNamesTheJavaRuntime() throws Exception {
        Command fields = run("dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends");
        assertThat(fields.stdout()).contains("Package: dynnd\n")
                .containsPattern("Architecture: (amd64|arm64)\n")
                .contains("Depends: openjdk-17-jre-headless | java17-runtime-headless");
        Command conffiles = Command.run(scratch, Path.of("/bin/sh"), "-c", "dpkg-deb --ctrl-tarfile '" + deb + "' | tar -xO ./conffiles");
        assertThat(conffiles.stdout().lines().toList()).containsExactly("/etc/dynnd/dynnd.yaml");
    }

    @Test
    void everyFileIsWhereAndAsItShouldBe() throws Exception {
        assertThat(mode("usr/lib/dynnd/bin/dynnd")).isEqualTo("rwxr-xr-x");
        assertThat(mode("usr/lib/dynnd/bin/dynnctl")).isEqualTo("rwxr-xr-x");
        assertThat(Files.readSymbolicLink(scratch.resolve("usr/bin/dynnd"))).isEqualTo(Path.of("../lib/dynnd/bin/dynnd"));
        assertThat(Files.readSymbolicLink(scratch.resolve("usr/bin/dynnctl"))).isEqualTo(Path.of("../lib/dynnd/bin/dynnctl"));
        assertThat(mode("etc/dynnd/dynnd.yaml")).isEqualTo("rw-r--r--");
        assertThat(Files.readString(scratch.resolve("etc/dynnd/dynnd.yaml")))
                .isEqualTo(Files.readString(Command.repository().resolve("config/dynnd.yaml")));
        for (String unit : List.of("usr/lib/systemd/system/dynnd.service", "usr/lib/systemd/system/dynnd.socket",
                "usr/lib/sysusers.d/dynnd.conf", "usr/lib/tmpfiles.d/dynnd.conf", "usr/share/doc/dynnd/README.md",
                "usr/lib/dynnd/config/boards/odroid-xu3.yaml", "usr/lib/dynnd/config/boards/jetson-nano.yaml")) {
            assertThat(mode(unit)).as(unit).isEqualTo("rw-r--r--");
        }
        try (Stream<Path> packaged = Files.list(scratch.resolve("usr/lib/dynnd/lib"));
                Stream<Path> built = Files.list(Command.distribution().resolve("lib"))) {
            assertThat(packaged.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(built.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void theExtractedCommandsRun() throws Exception {
        Command version = Command.run(scratch, scratch.resolve("usr/bin/dynnd"), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("dynnd ");
        Command check = Command.run(scratch, scratch.resolve("usr/bin/dynnd"), "check-config",
                "--config", scratch.resolve("etc/dynnd/dynnd.yaml").toString(), "--quiet");
        assertThat(check.exitCode()).isZero();
    }

    @Test
    void systemdAcceptsTheUnits() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        // verify checks that ExecStart exists on this machine: point it at the extracted command.
        Path units = Files.createDirectories(scratch.resolve("verify"));
        for (String name : List.of("dynnd.service", "dynnd.socket")) {
            String text = Files.readString(scratch.resolve("usr/lib/systemd/system").resolve(name));
            Files.writeString(units.resolve(name), text.replace("/usr/bin/dynnd ", scratch.resolve("usr/bin/dynnd") + " "));
        }
        Command verify = run("systemd-analyze", "verify", units.resolve("dynnd.socket").toString(), units.resolve("dynnd.service").toString());
        assertThat(verify.stderr()).isEmpty();
        assertThat(verify.exitCode()).isZero();
        Command security = run("systemd-analyze", "security", "--offline=true", units.resolve("dynnd.service").toString());
        assertThat(security.stdout()).containsPattern("Overall exposure level for dynnd.service: [0-1]\\.[0-9] SAFE");
    }

    private static String mode(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch.resolve(path)));
    }

    private static Command run(String... command) throws Exception {
        return Command.run(scratch, Path.of("/usr/bin").resolve(command[0]),
                java.util.Arrays.copyOfRange(command, 1, command.length));
    }
}
