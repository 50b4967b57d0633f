package org.dynnd.daemon.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify messages as a fake {@code NOTIFY_SOCKET} receives them. */
class SdNotifyTest {

    @TempDir
    Path dir;

    @Test
    void lifecycleMessagesReachAPathSocket() throws Exception {
        String address = dir.resolve("notify").toString();
        try (DatagramReceiver systemd = new DatagramReceiver(address)) {
            SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", address));
            assertThat(notify.enabled()).isTrue();
            notify.ready("serving k=3 a15@1800MHz");
            assertThat(systemd.receive()).isEqualTo("READY=1\nSTATUS=serving k=3 a15@1800MHz");
            notify.status("op k=1\nREADY=0");
            assertThat(systemd.receive()).isEqualTo("STATUS=op k=1 READY=0");
            notify.reloading(123_456_789L);
            assertThat(systemd.receive()).isEqualTo("RELOADING=1\nMONOTONIC_USEC=123456789");
            notify.reloaded("serving k=2 a7@1400MHz");
            assertThat(systemd.receive()).isEqualTo("READY=1\nSTATUS=serving k=2 a7@1400MHz");
            notify.stopping();
            assertThat(systemd.receive()).isEqualTo("STOPPING=1");
        }
    }

    @Test
    void abstractNamesWork() throws Exception {
        String address = "@dynnd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (DatagramReceiver systemd = new DatagramReceiver(address)) {
            new SdNotify(Optional.of(address)).watchdog();
            assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
        }
    }

    @Test
    void withoutNotifySocketNothingIsSentAndBadAddressesAreErrors() throws Exception {
        SdNotify off = SdNotify.fromEnvironment(Map.of());
        assertThat(off.enabled()).isFalse();
        off.ready("x"); // no socket, no error
        assertThatThrownBy(() -> new SdNotify(Optional.of(dir.resolve("nobody").toString())).ready("x"))
                .hasMessageContaining("cannot send to");
        assertThatThrownBy(() -> new SdNotify(Optional.of("/" + "x".repeat(200))).ready("x")).hasMessageContaining("1 to 107 bytes");
    }

    @Test
    void watchdogPingsOnlyWhileHealthy() throws Exception {
        String address = dir.resolve("notify").toString();
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (DatagramReceiver systemd = new DatagramReceiver(address)) {
            Watchdog watchdog = new Watchdog(new SdNotify(Optional.of(address)), healthy::get);
            assertThat(watchdog.tick()).isTrue();
            assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
            healthy.set(false);
            assertThat(watchdog.tick()).isFalse();
            healthy.set(true);
            assertThat(watchdog.tick()).isTrue();
            new SdNotify(Optional.of(address)).status("marker");
            assertThat(systemd.receive()).isEqualTo("WATCHDOG=1"); // the unhealthy tick sent nothing...
            assertThat(systemd.receive()).isEqualTo("STATUS=marker"); // ...between these two
        }
    }

    @Test
    void watchdogTimeoutFromTheEnvironment() {
        assertThat(Watchdog.timeoutMicros(Map.of("WATCHDOG_USEC", "20000000"), 42)).hasValue(20_000_000);
        assertThat(Watchdog.timeoutMicros(Map.of("WATCHDOG_USEC", "20000000", "WATCHDOG_PID", "42"), 42)).hasValue(20_000_000);
        assertThat(Watchdog.timeoutMicros(Map.of("WATCHDOG_USEC", "20000000", "WATCHDOG_PID", "41"), 42)).isEmpty();
        assertThat(Watchdog.timeoutMicros(Map.of(), 42)).isEmpty();
        assertThatThrownBy(() -> Watchdog.timeoutMicros(Map.of("WATCHDOG_USEC", "-1"), 42)).hasMessageContaining("WATCHDOG_USEC");
    }

    @Test
    void watchdogScheduleRunsAtHalfTheTimeout() throws Exception {
        String address = dir.resolve("notify").toString();
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (DatagramReceiver systemd = new DatagramReceiver(address);
                Watchdog watchdog = new Watchdog(new SdNotify(Optional.of(address)), () -> true)) {
            watchdog.start(scheduler, 2_000); // pings every 1 ms
            assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
            assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
