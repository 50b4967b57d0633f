package org.dynnd.daemon.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.server.FakeInference;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.server.TestDaemon;
import org.dynnd.daemon.state.HardwareStateFile;
import org.dynnd.daemon.systemd.ProcessSignals.ReloadOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Start to READY, STATUS updates, watchdog, and stop with hardware restore, against a fake NOTIFY_SOCKET. */
@Timeout(60)
class DaemonRuntimeTest {

    private static final String MAX = "/sys/devices/system/cpu/cpufreq/policy4/scaling_max_freq";

    @TempDir
    Path dir;

    /** The test-only receiver lives in the systemd test package; reach it the way the tests there do. */
    private AutoCloseable receiver(String address) throws Exception {
        Constructor<?> c = Class.forName("org.dynnd.daemon.systemd.DatagramReceiver").getDeclaredConstructor(String.class);
        c.setAccessible(true);
        return (AutoCloseable) c.newInstance(address);
    }

    private static String receive(AutoCloseable receiver) throws Exception {
        var m = receiver.getClass().getDeclaredMethod("receive");
        m.setAccessible(true);
        return (String) m.invoke(receiver);
    }

    private static String receiveUntil(AutoCloseable receiver, Predicate<String> wanted) throws Exception {
        for (int i = 0; i < 500; i++) {
            String message = receive(receiver);
            if (wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no such notify message");
    }

    @Test
    void startsServesUpdatesStatusAndStopsWithTheHardwareRestored() throws Exception {
        Path sysfs = dir.resolve("sysfs");
        Path maxFile = sysfs.resolve(MAX.substring(1));
        Files.createDirectories(maxFile.getParent());
        Files.writeString(maxFile, "2000000\n");
        Path run = dir.resolve("run");
        HardwareStateFile state = new HardwareStateFile(run.resolve("hardware-state.json"), sysfs, 1);
        TableGovernor governor = new TableGovernor();
        RuntimeParts parts = new RuntimeParts(ServerSettings.defaults("test-board"), governor, new FakeInference(), Thread::new,
                TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of()), run.resolve("dynnd.sock"),
                Optional.of(dir.resolve("dynnd.prom")), 20, 60, state::restore, () -> new ReloadOutcome(false, "invalid"));
        String notifySocket = dir.resolve("notify").toString();
        try (AutoCloseable systemd = receiver(notifySocket)) {
            assertThat(HardwareStateFile.restoreLeftover(state.file())).isEmpty();
            // A ping a second: the kernel queues 10 datagrams for a receiver (net.unix.max_dgram_qlen), and the
            // daemon's sends do not wait; at 20 pings a second a test thread held up for half a second on a loaded
            // host found the queue full, and the message it waited for (STATUS, STOPPING) was refused.
            DaemonRuntime runtime = DaemonRuntime.start(parts, Map.of("NOTIFY_SOCKET", notifySocket, "WATCHDOG_USEC", "2000000"), 1);
            try {
            assertThat(receive(systemd)).isEqualTo("READY=1\nSTATUS=serving at k=4 a15@2000MHz");
            assertThat(receiveUntil(systemd, "WATCHDOG=1"::equals)).isEqualTo("WATCHDOG=1");

            // an actuator's write, as the governor does it
            state.rememberBeforeWrite(MAX);
            Files.writeString(maxFile, "800000\n");

            try (DynndClient client = DynndClient.connect(run.resolve("dynnd.sock"))) {
                assertThat(client.call(client.newRequest("budget").put("latency_ms", 12)).path("op").path("groups").asInt()).isEqualTo(2);
                assertThat(receiveUntil(systemd, m -> m.startsWith("STATUS=serving at k=2")))
                        .isEqualTo("STATUS=serving at k=2 a15@2000MHz, budget 12.0 ms met");
                // the file is written after the listeners of the same period: wait for the next period's
                assertThat(receiveUntil(systemd, "WATCHDOG=1"::equals)).isNotEmpty();
                String prom = Files.readString(dir.resolve("dynnd.prom"));
                // Waits for what is observed, not for a time: a loaded host writes the file later (10 s at most).
                for (int i = 0; i < 500 && !prom.contains("dynnd_op_groups 2"); i++) {
                    Thread.sleep(20);
                    prom = Files.readString(dir.resolve("dynnd.prom"));
                }
                assertThat(prom).contains("dynnd_op_groups 2\n", "dynnd_budget_latency_seconds 0.0120000\n");
            }
            } finally {
                runtime.stop();
            }
            runtime.awaitStop();
            assertThat(receiveUntil(systemd, m -> !m.startsWith("WATCHDOG") && !m.startsWith("STATUS"))).isEqualTo("STOPPING=1");
        }
        assertThat(Files.readString(maxFile)).isEqualTo("2000000\n");
        assertThat(state.file()).doesNotExist();
        assertThat(run.resolve("dynnd.sock")).doesNotExist();
    }

    @Test
    void aReloadIsFramedByReloadingWithTheMonotonicClockAndReady() throws Exception {
        Path run = dir.resolve("run");
        List<String> hook = new java.util.ArrayList<>();
        RuntimeParts parts = new RuntimeParts(ServerSettings.defaults("test-board"), new TableGovernor(), new FakeInference(),
                Thread::new, TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of()), run.resolve("dynnd.sock"),
                Optional.empty(), 20, 60, new HardwareStateFile(run.resolve("hardware-state.json"), dir, 1)::restore, () -> {
                    hook.add("reloaded");
                    return new ReloadOutcome(true, "applied governor.period_ms");
                });
        String notifySocket = dir.resolve("notify").toString();
        try (AutoCloseable systemd = receiver(notifySocket)) {
            DaemonRuntime runtime = DaemonRuntime.start(parts, Map.of("NOTIFY_SOCKET", notifySocket), 1);
            try {
                assertThat(receive(systemd)).startsWith("READY=1\nSTATUS=serving at");
                long before = System.nanoTime() / 1000;
                assertThat(runtime.reload().accepted()).isTrue();
                long after = System.nanoTime() / 1000;
                String reloading = receiveUntil(systemd, m -> m.startsWith("RELOADING=1"));
                assertThat(reloading).matches("RELOADING=1\nMONOTONIC_USEC=\\d+");
                assertThat(Long.parseLong(reloading.substring(reloading.indexOf('=', 12) + 1))).isBetween(before, after);
                assertThat(receiveUntil(systemd, m -> m.startsWith("READY=1"))).startsWith("READY=1\nSTATUS=serving at");
                assertThat(hook).containsExactly("reloaded");
            } finally {
                runtime.stop();
            }
        }
    }
}
