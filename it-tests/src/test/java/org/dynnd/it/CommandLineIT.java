package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: from the distribution and through the checkout's launchers. */
class CommandLineIT {

    @TempDir
    Path elsewhere;

    @Test
    void theDistributionPrintsItsVersion() throws Exception {
        Command version = Command.run(elsewhere, Command.distribution().resolve("bin/dynnd"), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("dynnd 0.1.0-SNAPSHOT\nJava 17");
    }

    @Test
    void theLaunchersRunFromAnyFolderWithoutRebuildingAFreshDistribution() throws Exception {
        Command dynnd = Command.run(elsewhere, Command.repository().resolve("dynnd"), "--help");
        assertThat(dynnd.exitCode()).isZero();
        assertThat(dynnd.stdout()).startsWith("Usage: dynnd").contains("check-config");
        assertThat(dynnd.stderr()).doesNotContain("building");

        Command dynnctl = Command.run(elsewhere, Command.repository().resolve("dynnctl"), "--help");
        assertThat(dynnctl.exitCode()).isZero();
        assertThat(dynnctl.stdout()).startsWith("Usage: dynnctl");
    }

    @Test
    void aBadConfigurationIsOneLineAndExitCodeTwo() throws Exception {
        Path config = elsewhere.resolve("dynnd.yaml");
        Files.writeString(config, "governor:\n  objective: fastest\n");
        Command check = Command.run(elsewhere, Command.distribution().resolve("bin/dynnd"), "check-config", "--config", config.toString());
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.stderr()).isEqualTo("dynnd check-config: " + config
                + ":2:3: governor.objective: 'fastest' is not allowed; allowed: max-accuracy, min-energy\n");
        assertThat(check.stdout()).isEmpty();
    }

    @Test
    void theShippedConfigurationIsValid() throws Exception {
        Command check = Command.run(elsewhere, Command.distribution().resolve("bin/dynnd"), "check-config",
                "--config", Command.distribution().resolve("config/dynnd.yaml").toString(), "--platform", "emulated:odroid-xu3");
        assertThat(check.exitCode()).isZero();
        assertThat(check.stdout()).contains("name: emulated:odroid-xu3").contains("period_ms: 500");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() throws Exception {
        Command wrong = Command.run(elsewhere, Command.distribution().resolve("bin/dynnd"), "frobnicate");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("Unmatched argument").contains("frobnicate").doesNotContain("Exception");
    }
}
