package org.dynnd.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class JournalLoggerFactoryTest {

    @Test
    void loggersAlreadyHandedOutFollowANewThreshold() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JournalLoggerFactory factory = new JournalLoggerFactory(new JournalFormat(true),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), Level.INFO);
        Logger log = factory.getLogger("org.dynnd.daemon.Test");
        log.debug("hidden");
        log.info("shown");
        factory.threshold(Level.DEBUG);
        assertThat(log.isDebugEnabled()).isTrue();
        log.debug("now shown");
        factory.threshold(Level.WARN);
        log.info("hidden again");
        log.warn("a warning");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("<6>Test: shown\n<7>Test: now shown\n<4>Test: a warning\n");
    }
}
