package org.dynnd.daemon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DaemonErrorException;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.protocol.ImageDecoder;
import org.dynnd.daemon.server.FakeInference;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.server.TestDaemon;
import org.dynnd.daemon.service.InferenceException;
import org.dynnd.daemon.service.InferenceResult;
import org.dynnd.daemon.telemetry.TelemetryRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the socket adds to an inference: one 32x32 RGB image classified over the socket (base64,
 * JSON, queue hand-off, decode, reply) against the same service called in-process on the decoded
 * image. The test service costs next to nothing, so the difference is the protocol's overhead;
 * with the real model the same overhead adds to the model's own latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InferRoundTripBenchmark {

    private Path dir;
    private SocketServer server;
    private DynndClient client;
    private final FakeInference inference = new FakeInference();
    private String base64;
    private org.dynnd.daemon.service.DecodedImage decoded;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Files.createTempDirectory("dynnd-bench");
        server = new SocketServer(ServerSettings.defaults("bench"), new TableGovernor(), inference, Thread::new,
                TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of()), new TelemetryRing(16));
        server.bind(dir.resolve("dynnd.sock"));
        client = DynndClient.connect(dir.resolve("dynnd.sock"));
        byte[] pixels = new byte[32 * 32 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        base64 = Base64.getEncoder().encodeToString(pixels);
        decoded = new ImageDecoder(1 << 20).decode(base64);
    }

    @Benchmark
    public JsonNode overSocket() throws IOException, DaemonErrorException {
        return client.call(client.newRequest("infer").put("image", base64));
    }

    @Benchmark
    public InferenceResult inProcess() throws InferenceException {
        return inference.classify(decoded);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        server.close();
        Files.deleteIfExists(dir.resolve("dynnd.sock"));
        Files.deleteIfExists(dir);
    }
}
