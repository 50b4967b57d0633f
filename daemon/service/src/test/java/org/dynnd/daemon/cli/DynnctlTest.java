package org.dynnd.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.server.TestDaemon;
import org.dynnd.daemon.service.TelemetrySample;
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

    /** Runs dynnctl as its main method does, capturing its output (cleared before each run). */
    int dynnctl(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine line = DynnctlMain.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private String sock() {
        return daemon.socket.toString();
    }

    @Test
    void aOneShotBudgetSaysItIsNotKeptAndItsExitCodeSaysWhetherItIsMet() {
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "25")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("met: feasible at k=3 a15@2000MHz (predicted 20.00 ms, 40.00 mJ, 2.00 W, 80.0 %)\n"
                + BudgetCommand.NOT_HELD + "\n");
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "1")).isEqualTo(ExitCodes.NOT_MET);
        assertThat(out.toString()).startsWith("NOT met: infeasible at k=1 a15@2000MHz").contains(BudgetCommand.NOT_HELD);
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "1", "--json")).isEqualTo(ExitCodes.NOT_MET);
        assertThat(out.toString()).contains("\"feasible\":false").doesNotContain(BudgetCommand.NOT_HELD);
        assertThat(dynnctl("budget", "--socket", sock())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("give at least one of --latency-ms");
    }

    @Test
    void aHeldBudgetSaysItIsHeldAndALostDaemonIsExitCodeThree() throws Exception {
        int[] code = new int[1];
        Thread holder = new Thread(() -> code[0] = dynnctl("budget", "--socket", sock(), "--latency-ms", "25", "--hold"));
        holder.start();
        String held = BudgetCommand.HELD;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!out.toString().contains(held) && holder.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(holder.isAlive()).as("the command holds the budget: " + out + err).isTrue();
        daemon.close();
        holder.join(30_000);
        // A daemon for @AfterEach to close.
        daemon = new TestDaemon(Files.createDirectories(dir.resolve("next")));
        assertThat(holder.isAlive()).isFalse();
        assertThat(code[0]).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(out.toString()).startsWith("met: feasible at k=3 a15@2000MHz")
                .contains(held)
                .doesNotContain(BudgetCommand.NOT_HELD);
        assertThat(err.toString()).isEqualTo("dynnctl budget: dynnd closed the connection\n");
    }

    @Test
    void theHelpOfEveryCommandListsItsExitCodes() {
        assertThat(dynnctl("budget", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:").containsPattern("\\n +1 +the budget is NOT met")
                .containsPattern("\\n +3 +no dynnd answers").contains("without --hold it ends");
        assertThat(dynnctl("--help")).isZero();
        assertThat(out.toString()).containsPattern("\\n +1 +budget: the budget is NOT met").containsPattern("\\n +4 +dynnd refused");
        assertThat(dynnctl("status", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:").doesNotContain("NOT met").containsPattern("\\n +2 +bad option");
    }

    @Test
    void statusNamesWhatEachFigureIs() throws Exception {
        daemon.ring.add(TableGovernor.sample(1_700_000_000_000L, daemon.governor.current));
        assertThat(dynnctl("status", "--socket", sock())).isZero();
        assertThat(out.toString()).contains("operating point  k=4 a15@2000MHz (feasible)", "effective budget none, max-accuracy",
                "latency          p50 9.50 ms, p95 11.25 ms", "board power      2.000 W (average over the last control period)",
                "board energy     20.00 mJ per served inference: the last period's energy / its 12 inferences,\n"
                        + "                 idle time included (`dynnctl infer` shows one inference's own)",
                "violations       3 (latency-budget", "degraded         no\n");
        assertThat(dynnctl("status", "--socket", sock(), "--json")).isZero();
        assertThat(out.toString()).contains("\"effective\":{");
    }

    @Test
    void statusSaysWhyThereIsNoEnergyFigure() {
        daemon.ring.add(new TelemetrySample(1_700_000_000_000L, daemon.governor.current, 0, Double.NaN, Double.NaN, Map.of("a15", 0.5),
                0.5, Double.NaN, 70.0, 0, List.of()));
        assertThat(dynnctl("status", "--socket", sock())).isZero();
        assertThat(out.toString()).contains("board energy     - per served inference (no inference in the last control period)\n");
    }

    @Test
    void statusListsTheDegradedConditionsOnePerLine() {
        daemon.ring.add(new TelemetrySample(1_700_000_000_000L, daemon.governor.current, 12, 9.5, 11.25, Map.of("a15", 1.5), 2.0,
                20.0, 70.0, 3, List.of("a15 frequency: write refused", "power sensors: no reading this period")));
        assertThat(dynnctl("status", "--socket", sock())).isZero();
        assertThat(out.toString()).contains("degraded         a15 frequency: write refused\n"
                + "                 power sensors: no reading this period\n").doesNotContain("[\"");
    }

    @Test
    void opsListsThePointsWithoutEmptyColumnsAndWhatTheUserMayDo() {
        assertThat(dynnctl("ops", "--socket", sock())).isZero();
        assertThat(out.toString()).contains("platform test-board, model test-grouped-net", "4 operating points:\n",
                "groups  unit  frequency MHz\n", "1       a15            2000\n", OpsCommand.NO_PREDICTIONS,
                "you (uid 1000) may use: hello, budget, release, infer, status, subscribe, unsubscribe")
                .doesNotContain("second");
    }

    @Test
    void opsShowsTheSecondClockWhereAPointHasOne() throws Exception {
        com.fasterxml.jackson.databind.JsonNode hello = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"daemon\":\"0.1.0\",\"protocol\":1,\"platform\":\"jetson-nano\",\"model\":\"m\",\"uid\":0,"
                        + "\"operating_points\":[{\"groups\":1,\"unit\":\"a57\",\"frequency_khz\":1428000},"
                        + "{\"groups\":2,\"unit\":\"gpu\",\"frequency_khz\":921600,\"second_frequency_khz\":1600000}],"
                        + "\"allowed_ops\":[\"hello\"]}");
        new OpsCommand().print(hello, new PrintWriter(out, true));
        assertThat(out.toString()).contains("groups  unit  frequency MHz  second MHz\n", "1       a57            1428           -\n",
                "2       gpu             921        1600\n");
    }

    @Test
    void inferSaysWhatIsWrongWithAFile() throws Exception {
        Path image = dir.resolve("digit.raw");
        byte[] pixels = new byte[784];
        java.util.Arrays.fill(pixels, (byte) 5);
        Files.write(image, pixels);
        assertThat(dynnctl("infer", "--socket", sock(), image.toString())).isZero();
        assertThat(out.toString()).isEqualTo(image + ": class-5-1ch (class 5) at k=2 a15@1400MHz, 3.50 ms, 7.25 mJ"
                + " (board power x this inference's latency)\n");
        Path missing = dir.resolve("missing.png");
        assertThat(dynnctl("infer", "--socket", sock(), missing.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("dynnctl infer: cannot read " + missing + ": no such file\n");
        assertThat(dynnctl("infer", "--socket", sock(), dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("dynnctl infer: cannot read " + dir + ": a folder, not a file\n");
    }

    @Test
    void watchPrintsOneRowPerSampleWithMilliseconds() {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> daemon.server.broadcast(TableGovernor.sample(1_700_000_000_123L, daemon.governor.current)),
                50, 50, TimeUnit.MILLISECONDS);
        try {
            assertThat(dynnctl("watch", "--socket", sock(), "--count", "2")).isZero();
        } finally {
            ticker.shutdownNow();
        }
        assertThat(out.toString()).startsWith(WatchCommand.LEGEND + "\n");
        String[] lines = out.toString().substring(WatchCommand.LEGEND.length() + 1).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("time ");
        assertThat(lines[1]).containsPattern("^\\d\\d:\\d\\d:\\d\\d\\.123 ").contains("k=4 a15@2000MHz", "9.50", "11.25",
                "none, max-accuracy");
        assertThat(lines[0].indexOf("op ")).isEqualTo(lines[1].indexOf("k=4"));
    }

    @Test
    void clearMessagesAndTheirOwnExitCodesWhenTheDaemonIsNotThereOrRefuses() throws Exception {
        assertThat(dynnctl("status", "--socket", dir.resolve("nothing.sock").toString())).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("no dynnd socket at").contains("dynnd is not running");
        io.netty.channel.epoll.Epoll.ensureAvailability();
        io.netty.channel.unix.Socket stale = io.netty.channel.unix.Socket.newSocketDomain();
        stale.bind(new io.netty.channel.unix.DomainSocketAddress(dir.resolve("stale.sock").toFile()));
        stale.close(); // a socket file nobody listens on, as a killed daemon leaves it
        assertThat(dynnctl("ops", "--socket", dir.resolve("stale.sock").toString())).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("nothing listens on").contains("stale.sock");
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "-5")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString()).startsWith("dynnctl budget: invalid_value: ");
        daemon.close();
        daemon = new TestDaemon(dir, ServerSettings.defaults("test-board"), TestDaemon.onlyUid(1000),
                ch -> new PeerIdentity(5, 4242, Set.of()));
        assertThat(dynnctl("budget", "--socket", sock(), "--latency-ms", "20")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString()).contains("access denied: uid 4242 may not use 'budget'");
    }
}
