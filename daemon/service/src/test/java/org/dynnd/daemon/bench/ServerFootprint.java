package org.dynnd.daemon.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.server.FakeInference;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.server.TestDaemon;
import org.dynnd.daemon.telemetry.PrometheusTextFile;
import org.dynnd.daemon.telemetry.TelemetryLoop;
import org.dynnd.daemon.telemetry.TelemetryRing;

/**
 * Resident memory and idle CPU of the socket server alone (test governor and inference, the
 * telemetry loop (100 ms unless told) writing its Prometheus file, one subscribed client). Not a timed
 * test: a measurement run by hand,
 * {@code java -XX:+UseSerialGC -cp TEST_CLASSPATH org.dynnd.daemon.bench.ServerFootprint [idle-seconds [period-ms]]}.
 */
public final class ServerFootprint {

    private ServerFootprint() {}

    public static void main(String[] args) throws Exception {
        long idleSeconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        long periodMillis = args.length > 1 ? Long.parseLong(args[1]) : 100;
        Path dir = Files.createTempDirectory("dynnd-footprint");
        TableGovernor governor = new TableGovernor();
        TelemetryRing ring = TelemetryRing.forHistory(300, 100);
        SocketServer server = new SocketServer(ServerSettings.defaults("footprint"), governor, new FakeInference(), Thread::new,
                TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of()), ring);
        long startNanos = System.nanoTime();
        server.bind(dir.resolve("dynnd.sock"));
        TelemetryLoop loop = new TelemetryLoop(governor, ring, Optional.of(new PrometheusTextFile(dir.resolve("dynnd.prom"))),
                server::effectiveBudget);
        loop.addListener(server::broadcast);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        loop.start(scheduler, periodMillis);
        DynndClient client = DynndClient.connect(dir.resolve("dynnd.sock"));
        client.call("hello");
        System.out.printf("bind to first reply: %.1f ms%n", (System.nanoTime() - startNanos) / 1e6);
        client.call("subscribe");
        client.call(client.newRequest("budget").put("latency_ms", 25));
        System.gc();
        Thread.sleep(2000);
        System.out.printf("resident after start: %d KiB (heap used %d KiB)%n", rssKib(), usedHeapKib());
        long cpuBefore = cpuNanos();
        long wallBefore = System.nanoTime();
        long events = 0;
        long deadline = wallBefore + Duration.ofSeconds(idleSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (client.nextEvent(Duration.ofMillis(500)).isPresent()) {
                events++;
            }
        }
        double cpu = (cpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
        System.out.printf("idle %d s with telemetry every %d ms (%d events received): CPU %.3f %% of one core; resident %d KiB%n",
                idleSeconds, periodMillis, events, cpu * 100, rssKib());
        client.close();
        loop.close();
        scheduler.shutdownNow();
        server.close();
    }

    private static long rssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long usedHeapKib() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
