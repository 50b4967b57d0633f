package org.dynnd.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DaemonConfig;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.config.GovernorConfig;
import org.dynnd.daemon.config.ModelConfig;
import org.dynnd.daemon.config.TelemetryConfig;
import org.dynnd.daemon.systemd.ProcessSignals.ReloadOutcome;
import org.junit.jupiter.api.Test;

class ConfigReloadTest {

    private final List<String> log = new ArrayList<>();
    private final AtomicBoolean inside = new AtomicBoolean();

    /** A part that records its commits, and whether they ran inside the exclusive section. */
    private LivePart part(String name, Set<String> keys, boolean refuse) {
        return new LivePart() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> keys() {
                return keys;
            }

            @Override
            public Commit prepare(DynndConfig next, ConfigDiff diff) throws ConfigException {
                log.add("prepare " + name);
                if (refuse) {
                    throw new ConfigException(name + ": refused");
                }
                return () -> log.add("commit " + name + (inside.get() ? " inside" : " outside") + " period "
                        + next.governor().periodMs());
            }
        };
    }

    private void exclusive(Runnable work) {
        inside.set(true);
        try {
            work.run();
        } finally {
            inside.set(false);
        }
    }

    private List<LivePart> allLive(boolean governorRefuses) {
        Set<String> rest = new java.util.HashSet<>(ConfigDiff.LIVE);
        rest.removeAll(Set.of("governor.period_ms", "telemetry.keep_s"));
        return List.of(part("governor", Set.of("governor.period_ms"), governorRefuses),
                part("telemetry", Set.of("telemetry.keep_s", "governor.period_ms"), false),
                part("rest", rest, false));
    }

    @Test
    void onlyThePartsConcernedCommitAllInsideTheExclusiveSection() {
        ConfigReload reload = new ConfigReload(DynndConfig.defaults(), allLive(false), this::exclusive);
        DynndConfig next = DynndConfig.defaults().withGovernor(new GovernorConfig(900, null, null, null, null, null));
        ReloadOutcome outcome = reload.reload(next);
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.message()).isEqualTo("applied governor.period_ms");
        assertThat(log).containsExactly("prepare governor", "prepare telemetry",
                "commit governor inside period 900", "commit telemetry inside period 900");
        assertThat(reload.running()).isEqualTo(next);
    }

    @Test
    void aPartThatRefusesLeavesEveryPartAsItWas() {
        ConfigReload reload = new ConfigReload(DynndConfig.defaults(), allLive(true), this::exclusive);
        DynndConfig next = DynndConfig.defaults().withGovernor(new GovernorConfig(900, null, null, null, null, null))
                .withTelemetry(new TelemetryConfig(60, null));
        ReloadOutcome outcome = reload.reload(next);
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.message()).isEqualTo("governor: refused");
        assertThat(log).noneMatch(line -> line.startsWith("commit"));
        assertThat(reload.running()).isEqualTo(DynndConfig.defaults());
    }

    @Test
    void restartKeysAreNamedAndKeptWhileLiveOnesApply() {
        ConfigReload reload = new ConfigReload(DynndConfig.defaults(), allLive(false), this::exclusive);
        DynndConfig next = DynndConfig.defaults().withModel(new ModelConfig("/opt/other-model"))
                .withDaemon(new DaemonConfig(null, null, null, "debug"));
        ReloadOutcome outcome = reload.reload(next);
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.message()).isEqualTo("applied daemon.log_level; at the next start: model.bundle");
        assertThat(log).containsExactly("prepare rest", "commit rest inside period 500");
        assertThat(reload.running().model().shipped()).isTrue();
        assertThat(reload.running().daemon().logLevel()).isEqualTo("debug");
        // The same file again: the kept bundle is still reported, nothing is applied twice.
        log.clear();
        assertThat(reload.reload(next).message()).isEqualTo("no live setting changed; at the next start: model.bundle");
        assertThat(log).isEmpty();
    }

    @Test
    void aLiveKeyNoPartAppliesIsAProgrammingError() {
        assertThatThrownBy(() -> new ConfigReload(DynndConfig.defaults(),
                List.of(part("governor", Set.of("governor.period_ms"), false)), this::exclusive))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access.budget_users");
    }
}
