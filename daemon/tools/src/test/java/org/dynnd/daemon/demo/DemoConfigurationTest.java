package org.dynnd.daemon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dynnd.daemon.config.ConfigLoader;
import org.dynnd.daemon.config.CoRunnerConfig;
import org.dynnd.daemon.config.DynndConfig;
import org.junit.jupiter.api.Test;

class DemoConfigurationTest {

    @Test
    void theGeneratedConfigurationPassesTheStrictLoaderAndSchedulesTheCoRunnerOnItsStep() throws Exception {
        Path run = Path.of("/tmp/dynnd-demo-run-1");
        List<DemoStep> steps = DemoScript.steps(30);
        String yaml = Demo.configuration(run, run.resolve("dynnd.sock"), 1234, steps);
        DynndConfig config = new ConfigLoader().parse(yaml, "demo.yaml");
        assertThat(config.platform().name()).isEqualTo("emulated:odroid-xu3");
        assertThat(config.daemon().socketPath(false, Map.of())).isEqualTo(run.resolve("dynnd.sock"));
        assertThat(config.daemon().runtimeDirectory(false, Map.of())).isEqualTo(run);
        assertThat(config.access().budgetUsers()).containsExactly("1234");
        assertThat(config.inference().intraOpThreads()).isEqualTo(1);
        assertThat(config.governor().confidence()).isEqualTo(DemoScript.CONFIDENCE);
        assertThat(config.emulation().coRunner()).containsExactly(
                new CoRunnerConfig("a15", 25.0, 5.0, DemoScript.CO_RUNNER_SLOWDOWN, DemoScript.CO_RUNNER_LOAD));
    }
}
