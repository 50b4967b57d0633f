package org.dynnd.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flock conflicts between two open descriptions even within one process, so one JVM shows both sides. */
class BoardLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondDaemonOnTheSameRuntimeFolderIsRefusedWithTheHoldersPid() throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("run"));
        try (BoardLock first = BoardLock.acquire(runtime, null)) {
            assertThatThrownBy(() -> BoardLock.acquire(runtime, null))
                    .isInstanceOf(BoardLock.AlreadyManagedException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining(runtime.toString());
        }
        BoardLock.acquire(runtime, null).close(); // free again once the first is closed
    }

    @Test
    void aSecondDaemonOnTheSameBoardIsRefusedWhateverItsRuntimeFolder() throws Exception {
        Path board = Files.createDirectories(dir.resolve("board/sys/devices/system/cpu"));
        Path root = dir.resolve("board");
        try (BoardLock first = BoardLock.acquire(Files.createDirectories(dir.resolve("a")), root)) {
            assertThatThrownBy(() -> BoardLock.acquire(Files.createDirectories(dir.resolve("b")), root))
                    .isInstanceOf(BoardLock.AlreadyManagedException.class)
                    .hasMessageContaining("manages the board under " + root)
                    .hasMessageContaining(root.resolve("sys").toString());
            // The refused daemon let go of the runtime folder it had locked first.
            BoardLock.acquire(dir.resolve("b"), null).close();
        }
        assertThat(board).isDirectory();
    }
}
