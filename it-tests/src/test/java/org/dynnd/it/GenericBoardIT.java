package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dynnd.daemon.board.FakeGenericBoard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code dynnd run} on a board the governor has no model of (platform {@code generic}): a
 * two-policy x86 machine whose cpufreq (acpi-cpufreq, one policy per CPU of this host) and RAPL
 * powercap files live under a sysfs root the test keeps, the RAPL counters holding the energy of
 * a known power up to a few milliseconds ago. Inference runs on the host, pinned to the policies' CPUs; the daemon
 * discovers the units, calibrates them, serves, writes the frequencies and puts them back on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenericBoardIT extends DaemonTest {

    static FakeGenericBoard board;
    static Path root;
    static Map<String, String> original;
    static InferenceStream stream;

    @BeforeAll
    static void start() throws Exception {
        // The daemon runs in another process: a thread keeps the counters current on the shared monotonic clock.
        board = FakeGenericBoard.create(home.resolve("sysfs"), true).startCounterThread();
        root = board.root();
        original = board.cpufreqFiles();
        Files.writeString(home.resolve("dynnd.yaml"), "platform:\n  name: generic\n  sysfs_root: " + root + "\n"
                + "daemon:\n  runtime_dir: " + home.resolve("run") + "\n  cache_dir: " + home.resolve("cache") + "\n"
                + "governor:\n  period_ms: 300\n");
        daemon = DaemonProcess.start(home);
        stream = InferenceStream.start(daemon.socket(), FashionMnist.load(100));
    }

    @AfterAll
    static void stopCounters() throws Exception {
        if (stream != null) {
            stream.close();
        }
        if (board != null) {
            board.close();
        }
    }

    @Test
    @Order(1)
    void theUnitsAreDiscoveredAndCalibratedAndTheProfileCached() throws Exception {
        assertThat(daemon.output()).contains("unit policy0: cpufreq policy0, CPUs [0], 4 frequencies from 800000 to 2400000 kHz")
                .contains("unit policy1: cpufreq policy1, CPUs [1]").contains("profile: calibrated ");
        try (Stream<Path> cached = Files.walk(home.resolve("cache/profiles"))) {
            assertThat(cached.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("generic"));
        }
        try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
            JsonNode hello = client.result("hello");
            assertThat(hello.get("platform").asText()).isEqualTo("generic");
            List<String> units = new ArrayList<>();
            hello.get("operating_points").forEach(op -> units.add(op.get("unit").asText() + "@" + op.get("frequency_khz").asLong()));
            assertThat(units).contains("policy0@800000", "policy0@2400000", "policy1@1200000")
                    .allMatch(u -> u.matches("policy[01]@(800000|1200000|1800000|2400000)"));
        }
    }

    @Test
    @Order(2)
    void theBoardPowerIsThePackageZoneAloneAndTheFrequencyIsWrittenThroughUserspace() throws Exception {
        try (Telemetry telemetry = Telemetry.subscribe(daemon.socket(), 300)) {
            List<JsonNode> seen = telemetry.awaitSample(20, s -> s.path("power_w").isNumber() && s.path("inferences").asInt() > 0,
                    "power is measured while inferences run");
            JsonNode sample = seen.get(seen.size() - 1);
            // The counters are as late as the test's counter thread was let run (70 ms on a loaded host: 7.4 W
            // over one 300 ms period). Over consecutive periods those delays cancel but the first and the last:
            // the mean of ten periods is the energy over 3 s, within a tenth of what one period shows.
            List<JsonNode> periods = telemetry.next(10);
            assertThat(mean(periods, s -> s.path("power_w"))).as("board W (package 6 W holding core 4 W) over %s",
                    Telemetry.summary(periods)).isBetween(FakeGenericBoard.PACKAGE_W - 1, FakeGenericBoard.PACKAGE_W + 1);
            assertThat(mean(periods, s -> s.path("rails_w").path("package-0/core"))).isBetween(3.0, 5.0);
            String unit = sample.get("op").get("unit").asText();
            Path dir = root.resolve(FakeGenericBoard.CPUFREQ).resolve(unit);
            assertThat(Files.readString(dir.resolve("scaling_governor"))).isEqualTo("userspace\n");
            assertThat(Files.readString(dir.resolve("scaling_setspeed")).strip())
                    .isIn("800000", "1200000", "1800000", "2400000");
        }
    }

    /** The mean of the samples' figures that are numbers (a period without a reading has none). */
    private static double mean(List<JsonNode> samples, Function<JsonNode, JsonNode> figure) {
        return samples.stream().map(figure).filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).average()
                .orElseThrow(() -> new AssertionError("no figure in " + Telemetry.summary(samples)));
    }

    @Test
    @Order(3)
    void sigtermPutsEveryCpufreqFileBack() throws Exception {
        stream.close();
        assertThat(daemon.stop()).isZero();
        assertThat(board.cpufreqFiles()).isEqualTo(original);
    }
}
