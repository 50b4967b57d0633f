package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's launcher when the distribution must be built first. Building the real one takes
 * minutes and would replace the distribution the other tests run, so the launcher is copied into
 * an empty checkout and a stand-in for Maven is first on PATH: it records the command line it was
 * given and prints what Maven 3.8 prints in batch mode (colour codes included), then lays out
 * {@code daemon/target/dynnd} as the daemon module's package phase does.
 */
class LauncherIT {

    @TempDir
    Path temp;

    Path checkout;
    Path tools;
    Path record;

    @BeforeEach
    void emptyCheckout() throws Exception {
        checkout = Files.createDirectories(temp.resolve("checkout")).toRealPath();
        tools = Files.createDirectories(temp.resolve("tools"));
        record = temp.resolve("mvn-command-line");
        Files.copy(Command.repository().resolve("dynnd"), checkout.resolve("dynnd"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(checkout.resolve("dynnctl"), Path.of("dynnd"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, String.join("\n",
                "#!/bin/sh",
                "printf '%s\\n' \"$PWD\" mvn \"$@\" > '" + record + "'",
                "printf '\\033[0m\\033[0m[INFO] \\033[1;31mcompiled\\033[m\\n'",
                "[ -z \"$FAIL_BUILD\" ] || exit 1",
                "mkdir -p daemon/target/dynnd/bin",
                "printf '#!/bin/sh\\necho \"distribution $(basename \"$0\") $*\"\\n' > daemon/target/dynnd/bin/dynnd",
                "chmod +x daemon/target/dynnd/bin/dynnd",
                "cp daemon/target/dynnd/bin/dynnd daemon/target/dynnd/bin/dynnctl",
                "touch daemon/target/dynnd/.built",
                ""));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Command launch(String launcher, String... env) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("PATH=" + tools + ":" + System.getenv("PATH")));
        args.addAll(List.of(env));
        args.add(checkout.resolve(launcher).toString());
        args.add("status");
        return Command.run(temp, Path.of("/usr/bin/env"), args.toArray(String[]::new));
    }

    @Test
    void aBuildPrintsTheMavenCommandItRunsWithoutEscapeCodesThenRunsTheCommand() throws Exception {
        Command first = launch("dynnctl");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).isEqualTo("distribution dynnctl status\n");
        List<String> ran = Files.readAllLines(record);
        assertThat(ran.get(0)).as("Maven runs in the checkout").isEqualTo(checkout.toString());
        assertThat(first.stderr()).isEqualTo("dynnctl: building the distribution, in " + checkout + ": "
                + String.join(" ", ran.subList(1, ran.size())) + "\n[INFO] compiled\n");
        assertThat(ran.subList(1, ran.size())).containsSequence("-pl", "daemon", "-am").contains("package", "-Ddeb.skip=true");

        Files.delete(record);
        Command again = launch("dynnd");
        assertThat(again.stdout()).isEqualTo("distribution dynnd status\n");
        assertThat(again.stderr()).as("a fresh distribution is not built again").isEmpty();
        assertThat(record).doesNotExist();
    }

    @Test
    void aFailedBuildSaysSoAndRunsNothing() throws Exception {
        Command failed = launch("dynnd", "FAIL_BUILD=1");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stdout()).isEmpty();
        assertThat(failed.stderr()).doesNotContain("\u001b").endsWith("dynnd: the build failed (its output is above); nothing was run\n");
    }
}
