package org.dynnd.daemon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RuntimePathsTest {

    @Test
    void systemdsRuntimeDirectoryComesFirstThenRootsThenTheUsers() {
        assertThat(RuntimePaths.forProcess(Map.of("RUNTIME_DIRECTORY", "/run/dynnd:/run/other"), 997).directory())
                .isEqualTo(Path.of("/run/dynnd"));
        assertThat(RuntimePaths.forProcess(Map.of(), 0).directory()).isEqualTo(RuntimePaths.SYSTEM_DIRECTORY);
        assertThat(RuntimePaths.forProcess(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), 1000).directory())
                .isEqualTo(Path.of("/run/user/1000"));
        assertThatThrownBy(() -> RuntimePaths.forProcess(Map.of(), 1000)).hasMessageContaining("XDG_RUNTIME_DIR");
    }

    @Test
    void aUserWithoutARuntimeFolderIsPointedAtTheSystemSocketNotAtAVariable() {
        assertThat(RuntimePaths.defaultClientSocket(Map.of(), 1000)).isEqualTo(RuntimePaths.SYSTEM_DIRECTORY.resolve("dynnd.sock"));
    }

    @Test
    void aUserWithARuntimeFolderUsesItsSocketWhenThereIsNoSystemOne() {
        Assumptions.assumeFalse(Files.exists(RuntimePaths.SYSTEM_DIRECTORY.resolve("dynnd.sock")), "a system daemon runs here");
        assertThat(RuntimePaths.defaultClientSocket(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), 1000))
                .isEqualTo(Path.of("/run/user/1000/dynnd.sock"));
    }
}
