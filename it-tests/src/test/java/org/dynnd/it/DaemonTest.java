package org.dynnd.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class with one daemon for all its tests: its folder (configuration, runtime and cache
 * folders, socket, log), started by the class's own {@code @BeforeAll}, stopped after its last test.
 */
abstract class DaemonTest {

    @TempDir
    static Path home;
    static DaemonProcess daemon;

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }
}
