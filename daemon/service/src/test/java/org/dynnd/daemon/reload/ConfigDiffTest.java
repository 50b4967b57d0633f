package org.dynnd.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dynnd.daemon.config.AccessConfig;
import org.dynnd.daemon.config.CoRunnerConfig;
import org.dynnd.daemon.config.DaemonConfig;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.config.EmulationConfig;
import org.dynnd.daemon.config.GovernorConfig;
import org.dynnd.daemon.config.ModelConfig;
import org.dynnd.daemon.config.PlatformConfig;
import org.dynnd.daemon.config.SensorsConfig;
import org.dynnd.daemon.config.TelemetryConfig;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static final DynndConfig RUNNING = DynndConfig.defaults().withPlatform(new PlatformConfig("emulated:odroid-xu3", null));

    @Test
    void theSameConfigurationChangesNothing() {
        ConfigDiff diff = ConfigDiff.between(RUNNING, DynndConfig.defaults().withPlatform(new PlatformConfig("emulated:odroid-xu3", "/")));
        assertThat(diff.empty()).isTrue();
        assertThat(diff.effective()).isEqualTo(RUNNING);
    }

    @Test
    void liveKeysTakeTheirNewValueAndRestartKeysKeepTheOld() {
        DynndConfig next = RUNNING
                .withPlatform(new PlatformConfig("emulated:jetson-nano", null))
                .withModel(new ModelConfig("/opt/models/other"))
                .withSensors(new SensorsConfig(200, null, null))
                .withDaemon(new DaemonConfig("/run/other.sock", null, null, "debug"))
                .withGovernor(new GovernorConfig(900, "min-energy", 0.99, null, 0.1, "measure"))
                .withAccess(new AccessConfig(List.of("root", "alice"), null, List.of("hello", "status")))
                .withTelemetry(new TelemetryConfig(60, "/var/lib/node_exporter/dynnd.prom"));

        ConfigDiff diff = ConfigDiff.between(RUNNING, next);

        assertThat(diff.live()).containsExactly("daemon.log_level", "governor.period_ms", "governor.objective",
                "governor.confidence", "governor.hysteresis", "access.budget_users", "access.read_ops",
                "telemetry.keep_s", "telemetry.prometheus_file");
        assertThat(diff.restartOnly()).containsExactly("platform.name", "daemon.socket", "model.bundle",
                "sensors.period_ms", "governor.calibration");
        DynndConfig effective = diff.effective();
        assertThat(effective.platform()).isEqualTo(RUNNING.platform());
        assertThat(effective.model()).isEqualTo(RUNNING.model());
        assertThat(effective.sensors()).isEqualTo(RUNNING.sensors());
        assertThat(effective.daemon()).isEqualTo(new DaemonConfig(null, null, null, "debug"));
        assertThat(effective.governor()).isEqualTo(new GovernorConfig(900, "min-energy", 0.99, null, 0.1, "auto"));
        assertThat(effective.access()).isEqualTo(next.access());
        assertThat(effective.telemetry()).isEqualTo(next.telemetry());
        assertThat(ConfigDiff.between(RUNNING, effective).restartOnly()).isEmpty();
        assertThat(ConfigDiff.between(effective, next).live()).isEmpty();
    }

    @Test
    void coRunnersAndUnitRailsWaitForARestart() {
        DynndConfig next = new DynndConfig(RUNNING.platform(), null, null, null,
                new SensorsConfig(null, null, Map.of("a15", List.of("a15"))), null, null, null,
                new EmulationConfig(List.of(new CoRunnerConfig("a15", 20.0, 15.0, 1.8, 1.0))));
        ConfigDiff diff = ConfigDiff.between(RUNNING, next);
        assertThat(diff.live()).isEmpty();
        assertThat(diff.restartOnly()).containsExactly("sensors.unit_rails", "emulation.co_runner");
        assertThat(diff.effective()).isEqualTo(RUNNING);
    }

    @Test
    void everyLiveKeyIsAKeyOfTheConfiguration() {
        ObjectNode tree = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()
                .valueToTree(DynndConfig.defaults());
        List<String> keys = new ArrayList<>();
        tree.fields().forEachRemaining(section -> section.getValue().fieldNames()
                .forEachRemaining(key -> keys.add(section.getKey() + "." + key)));
        assertThat(keys).hasSize(25).containsAll(ConfigDiff.LIVE);
    }
}
