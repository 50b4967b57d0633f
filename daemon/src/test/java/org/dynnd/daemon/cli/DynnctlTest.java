package org.dynnd.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.server.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dynnctl} against a server on a temporary socket. */
@Timeout(60)
class DynnctlTest {

    @TempDir
    Path dir;

    TestDaemon daemon;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        daemon = new TestDaemon(dir);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    /** Runs dynnctl as {@link Cli#execute} does, capturing its output. */
    int dynnctl(String... args) {
        CommandLine line = new CommandLine(new DynnctlMain());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserErrorException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage());
                return Cli.USAGE_ERROR;
            }
            throw ex;
        });
        return line.execute(args);
    }

    private String sock() {
        return daemon.socket.toString();
    }

    @Test
    void budgetPrintsFeasibilityAndTheOperatingPoint() {
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "25")).isZero();
        assertThat(out.toString()).isEqualTo("met: feasible at k=3 a15@2000MHz (predicted 20.00 ms, 40.00 mJ, 2.00 W, 80.0 %)\n");
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "1", "--json")).isZero();
        assertThat(out.toString()).contains("\"feasible\":false");
        assertThat(dynnctl("budget", "--socket", sock())).isEqualTo(2);
        assertThat(err.toString()).contains("give at least one of --latency-ms");
    }

    @Test
    void statusShowsBudgetSourcesAndTelemetry() throws Exception {
        daemon.ring.add(TableGovernor.sample(1_700_000_000_000L, daemon.governor.current));
        assertThat(dynnctl("status", "--socket", sock())).isZero();
        assertThat(out.toString()).contains("operating point  k=4 a15@2000MHz (feasible)", "effective budget none, max-accuracy",
                "latency          p50 9.50 ms, p95 11.25 ms", "violations       3");
        assertThat(dynnctl("status", "--socket", sock(), "--json")).isZero();
        assertThat(out.toString()).contains("\"effective\":{");
    }

    @Test
    void opsListsThePointsAndWhatTheUserMayDo() {
        assertThat(dynnctl("ops", "--socket", sock())).isZero();
        assertThat(out.toString()).contains("platform test-board, model test-grouped-net", "1      a15                2000",
                "you (uid 1000) may use: hello, budget, release, infer, status, subscribe, unsubscribe");
    }

    @Test
    void inferClassifiesFiles() throws Exception {
        Path image = dir.resolve("digit.raw");
        byte[] pixels = new byte[784];
        java.util.Arrays.fill(pixels, (byte) 5);
        Files.write(image, pixels);
        assertThat(dynnctl("infer", "--socket", sock(), image.toString())).isZero();
        assertThat(out.toString()).isEqualTo(image + ": class-5-1ch (class 5) at k=2 a15@1400MHz, 3.50 ms, 7.25 mJ\n");
        assertThat(dynnctl("infer", "--socket", sock(), dir.resolve("missing.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read").contains("missing.png");
    }

    @Test
    void watchPrintsOneRowPerSample() {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> daemon.server.broadcast(TableGovernor.sample(1_700_000_000_000L, daemon.governor.current)),
                50, 50, TimeUnit.MILLISECONDS);
        try {
            assertThat(dynnctl("watch", "--socket", sock(), "--count", "2")).isZero();
        } finally {
            ticker.shutdownNow();
        }
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("time ");
        assertThat(lines[1]).contains("k=4 a15@2000MHz", "9.50", "11.25", "none, max-accuracy");
    }

    @Test
    void clearMessagesWhenTheDaemonIsNotRunningOrAccessIsDenied() throws Exception {
        assertThat(dynnctl("status", "--socket", dir.resolve("nothing.sock").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no dynnd socket at").contains("dynnd is not running");
        io.netty.channel.epoll.Epoll.ensureAvailability();
        io.netty.channel.unix.Socket stale = io.netty.channel.unix.Socket.newSocketDomain();
        stale.bind(new io.netty.channel.unix.DomainSocketAddress(dir.resolve("stale.sock").toFile()));
        stale.close(); // a socket file nobody listens on, as a killed daemon leaves it
        assertThat(dynnctl("ops", "--socket", dir.resolve("stale.sock").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing listens on").contains("stale.sock");
        daemon.close();
        daemon = new TestDaemon(dir, ServerSettings.defaults("test-board"), TestDaemon.onlyUid(1000),
                ch -> new PeerIdentity(5, 4242, Set.of()));
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "20")).isEqualTo(2);
        assertThat(err.toString()).contains("access denied: uid 4242 may not use 'budget'");
    }
}
