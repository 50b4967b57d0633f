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

    @Test
    void nettysNetworkInterfaceWarningsOfAnAfUnixDaemonAreDebugRecords() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JournalLoggerFactory factory = new JournalLoggerFactory(new JournalFormat(true),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), Level.INFO);
        Logger netty = factory.getLogger("io.netty.util.NetUtilInitializations");
        netty.warn("Failed to retrieve the list of available network interfaces", new java.net.SocketException("none"));
        assertThat(netty.isWarnEnabled()).isFalse();
        assertThat(bytes.size()).isZero();
        factory.threshold(Level.DEBUG);
        netty.warn("Failed to find the loopback interface");
        netty.error("any record of it is a debug record");
        factory.getLogger("io.netty.channel.Other").warn("other Netty warnings stay warnings");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("<7>NetUtilInitializations: Failed to find the loopback"
                + " interface\n<7>NetUtilInitializations: any record of it is a debug record\n<4>Other: other Netty warnings"
                + " stay warnings\n");
    }
}
