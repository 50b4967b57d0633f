package org.dynnd.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.sim.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            name: t
            periods: 100
            periodMs: 100
            load: 0.3
            accuracyPercent: [68.0, 77.5, 81.0, 83.0]
            noise: {latencySigma: 0.05, powerSigma: 0.02}
            budgets:
              - {at: 0, objective: max-accuracy, latencyX: 2.0, powerW: 3.5}
              - {at: 50, ramp: 10, objective: min-energy, latencyMs: 20, minAccuracy: 78}
            interference:
              - {at: 20, unit: a15, latencyFactor: 1.5, powerFactor: 1.1}
            sensorGaps:
              - {from: 30, to: 40}
            """;

    private Path write(String text) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsEveryPart() throws Exception {
        Scenario s = ScenarioFile.read(write(GOOD));
        assertThat(s.periods()).isEqualTo(100);
        assertThat(s.accuracyPercent()).containsExactly(68.0, 77.5, 81.0, 83.0);
        assertThat(s.budgets()).hasSize(2);
        assertThat(s.budgets().get(0).budget().latencyX()).isEqualTo(2.0);
        assertThat(s.budgets().get(0).budget().powerW()).isEqualTo(3.5);
        assertThat(s.budgets().get(1).rampPeriods()).isEqualTo(10);
        assertThat(s.budgets().get(1).budget().objective()).isEqualTo(Objective.MIN_ENERGY);
        assertThat(s.interference().get(0).unit()).isEqualTo("a15");
        assertThat(s.sensorGaps().get(0).toPeriod()).isEqualTo(40);
        assertThat(s.settleWindow()).isEqualTo(3);
    }

    @Test
    void everyShippedScenarioReads() throws Exception {
        try (var files = Files.list(ShippedScenariosTest.SCENARIOS)) {
            for (Path f : files.toList()) {
                assertThat(ScenarioFile.read(f).periods()).as(f.toString()).isPositive();
            }
        }
    }

    @Test
    void mistakesNameTheFileTheKeyAndWhatIsAllowed() throws Exception {
        assertError(GOOD.replace("latencyX: 2.0", "latencyx: 2.0"), "budgets[0].latencyx", "unknown key");
        assertError(GOOD.replace("latencyX: 2.0", "latencyX: fast"), "budgets[0].latencyX", "must be a number");
        assertError(GOOD.replace("objective: max-accuracy", "objective: fastest"), "budgets[0].objective",
                "max-accuracy, min-energy");
        assertError(GOOD.replace("accuracyPercent: [68.0, 77.5, 81.0, 83.0]\n", ""), "accuracyPercent", "required");
        assertError(GOOD.replace("latencyFactor: 1.5", "latencyFactor: -1"), "interference[0]", "positive");
        assertError(GOOD.replace("{from: 30, to: 40}", "{from: 30, to: 30}"), "sensorGaps[0]", "at least one period");
        assertError(GOOD.replace("powerW: 3.5", "powerW: 3.5, powerX: 0.5"), "budgets[0]", "not both");
        assertError("periods: [", "line", "not valid YAML");
    }

    private void assertError(String text, String where, String what) throws Exception {
        Path f = write(text);
        assertThatThrownBy(() -> ScenarioFile.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(where).hasMessageContaining(what);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("none.yaml");
        assertThatThrownBy(() -> ScenarioFile.read(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("no such scenario file");
    }
}
