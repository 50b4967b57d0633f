package org.dynnd.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dynnd.daemon.config.DaemonConfig;
import org.dynnd.daemon.config.DynndConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogLevelPartTest {

    @Test
    void theConfiguredLevelReachesTheLoggersOnlyAtCommit() {
        List<Level> set = new ArrayList<>();
        LogLevelPart part = new LogLevelPart(set::add);
        DynndConfig next = DynndConfig.defaults().withDaemon(new DaemonConfig(null, null, null, "debug"));
        LivePart.Commit commit = part.prepare(next, ConfigDiff.between(DynndConfig.defaults(), next));
        assertThat(set).isEmpty();
        commit.apply();
        assertThat(set).containsExactly(Level.DEBUG);
    }
}
