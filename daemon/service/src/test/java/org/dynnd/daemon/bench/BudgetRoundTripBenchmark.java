package org.dynnd.daemon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DaemonErrorException;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.server.FakeInference;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.server.TestDaemon;
import org.dynnd.daemon.telemetry.TelemetryRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One {@code budget} request and its reply over the real Unix socket (client write, event loop,
 * parse, access check, arbitration thread, governor, encode, client read), with 1 or 1000
 * clients connected. Each call alternates two budgets so that every call changes the effective
 * budget. Sample-time mode reports the percentiles (p50, p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BudgetRoundTripBenchmark {

    @Param({"1", "1000"})
    public int clients;

    private Path dir;
    private SocketServer server;
    private DynndClient client;
    private final List<SocketChannel> idle = new ArrayList<>();
    private boolean flip;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Files.createTempDirectory("dynnd-bench");
        ServerSettings settings = ServerSettings.defaults("bench");
        server = new SocketServer(settings, new TableGovernor(), new FakeInference(), Thread::new, TestDaemon.onlyUid(1000),
                ch -> new PeerIdentity(1, 1000, Set.of()), new TelemetryRing(16));
        Path socket = dir.resolve("dynnd.sock");
        server.bind(socket);
        for (int i = 1; i < clients; i++) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            idle.add(ch);
        }
        client = DynndClient.connect(socket);
        while (server.clientCount() < clients) {
            Thread.onSpinWait(); // every connection accepted before measuring
        }
    }

    @Benchmark
    public JsonNode budgetRoundTrip() throws IOException, DaemonErrorException {
        flip = !flip;
        return client.call(client.newRequest("budget").put("latency_ms", flip ? 25.0 : 12.0));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        for (SocketChannel ch : idle) {
            ch.close();
        }
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
