package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code dynnd run} on a board the governor has no model of (platform {@code generic}): a
 * two-policy x86 machine whose cpufreq (acpi-cpufreq, one policy per CPU of this host) and RAPL
 * powercap files live under a sysfs root the test keeps, the RAPL counters advanced by the test
 * at a known power. Inference runs on the host, pinned to the policies' CPUs; the daemon
 * discovers the units, calibrates them, serves, writes the frequencies and puts them back on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenericBoardIT extends DaemonTest {

    static final String CPUFREQ = "sys/devices/system/cpu/cpufreq";
    static final String RAPL = "sys/devices/virtual/powercap/intel-rapl";
    /** The package draws 6 W, its core zone 4 W of them: the board is 6 W, not 10. */
    static final double PACKAGE_W = 6.0;
    static final double CORE_W = 4.0;
    static final long TICK_MS = 50;

    static Path root;
    static ScheduledExecutorService counters;
    static Map<String, String> original;
    static InferenceStream stream;

    @BeforeAll
    static void start() throws Exception {
        root = home.resolve("sysfs");
        for (int cpu = 0; cpu < 2; cpu++) {
            policy(cpu);
        }
        zone(RAPL + "/intel-rapl:0", "package-0");
        zone(RAPL + "/intel-rapl:0/intel-rapl:0:0", "core");
        Files.createDirectories(root.resolve("sys/class/powercap"));
        Files.createSymbolicLink(root.resolve("sys/class/powercap/intel-rapl:0"),
                Path.of("../../devices/virtual/powercap/intel-rapl/intel-rapl:0"));
        Files.createSymbolicLink(root.resolve("sys/class/powercap/intel-rapl:0:0"),
                Path.of("../../devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0"));
        counters = Executors.newSingleThreadScheduledExecutor();
        counters.scheduleAtFixedRate(() -> {
            advance(RAPL + "/intel-rapl:0/energy_uj", PACKAGE_W);
            advance(RAPL + "/intel-rapl:0/intel-rapl:0:0/energy_uj", CORE_W);
        }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        original = cpufreqFiles();
        Files.writeString(home.resolve("dynnd.yaml"), "platform:\n  name: generic\n  sysfs_root: " + root + "\n"
                + "daemon:\n  runtime_dir: " + home.resolve("run") + "\n  cache_dir: " + home.resolve("cache") + "\n"
                + "governor:\n  period_ms: 300\n");
        daemon = DaemonProcess.start(home);
        stream = InferenceStream.start(daemon.socket(), FashionMnist.load(100));
    }

    /** acpi-cpufreq's files for the policy of one CPU (descending list with the kernel's trailing space). */
    private static void policy(int cpu) throws IOException {
        Path dir = root.resolve(CPUFREQ + "/policy" + cpu);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("affected_cpus"), cpu + "\n");
        Files.writeString(dir.resolve("related_cpus"), cpu + "\n");
        Files.writeString(dir.resolve("cpuinfo_min_freq"), "800000\n");
        Files.writeString(dir.resolve("cpuinfo_max_freq"), "2400000\n");
        Files.writeString(dir.resolve("scaling_available_frequencies"), "2400000 1800000 1200000 800000 \n");
        Files.writeString(dir.resolve("scaling_available_governors"), "conservative ondemand userspace powersave performance schedutil \n");
        Files.writeString(dir.resolve("scaling_driver"), "acpi-cpufreq\n");
        Files.writeString(dir.resolve("scaling_governor"), "schedutil\n");
        Files.writeString(dir.resolve("scaling_min_freq"), "800000\n");
        Files.writeString(dir.resolve("scaling_max_freq"), "2400000\n");
        Files.writeString(dir.resolve("scaling_setspeed"), "<unsupported>\n");
    }

    /** A powercap zone as boards/x86-rapl.yaml gives it: energy_uj "%lld\n" in uJ, its wrap range. */
    private static void zone(String dir, String name) throws IOException {
        Path zone = root.resolve(dir);
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("name"), name + "\n");
        Files.writeString(zone.resolve("energy_uj"), "1000000000\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143999938\n");
    }

    private static void advance(String file, double watts) {
        try {
            Path p = root.resolve(file);
            long uj = Long.parseLong(Files.readString(p).strip());
            Path next = p.resolveSibling(".energy_uj.next");
            Files.writeString(next, (uj + Math.round(watts * TICK_MS * 1000)) + "\n");
            Files.move(next, p, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopCounters() throws Exception {
        if (stream != null) {
            stream.close();
        }
        if (counters != null) {
            counters.shutdownNow();
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
            assertThat(sample.get("power_w").asDouble()).as("board W (package 6 W holding core 4 W)").isBetween(5.0, 7.0);
            assertThat(sample.get("rails_w").get("package-0/core").asDouble()).isBetween(3.0, 5.0);
            String unit = sample.get("op").get("unit").asText();
            Path dir = root.resolve(CPUFREQ).resolve(unit);
            assertThat(Files.readString(dir.resolve("scaling_governor"))).isEqualTo("userspace\n");
            assertThat(Files.readString(dir.resolve("scaling_setspeed")).strip())
                    .isIn("800000", "1200000", "1800000", "2400000");
        }
    }

    @Test
    @Order(3)
    void sigtermPutsEveryCpufreqFileBack() throws Exception {
        stream.close();
        assertThat(daemon.stop()).isZero();
        assertThat(cpufreqFiles()).isEqualTo(original);
    }

    /** Every cpufreq file of the tree by path (a real kernel's *_cur_freq would be left out; these are static). */
    private static Map<String, String> cpufreqFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve(CPUFREQ))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
