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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults while the daemon runs on the emulated board, in order on one board tree: a sensor that
 * disappears, a cpufreq file that cannot be written, a broken configuration on SIGHUP, SIGTERM,
 * and kill -9 followed by a restart that must put the original frequencies back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT extends DaemonTest {

    static final long PERIOD_MS = 300;
    /** The a15 rail's INA231 (sensor_arm at 0x40), as the vendor driver's directory lists it. */
    static final String A15_SENSOR = "sys/bus/i2c/drivers/INA231/3-0040";
    static final String POLICY4 = "sys/devices/system/cpu/cpufreq/policy4";

    static FashionMnist images;
    static InferenceStream stream;
    static Telemetry telemetry;

    @BeforeAll
    static void start() throws Exception {
        images = FashionMnist.load(200);
        daemon = DaemonProcess.start(home);
        stream = InferenceStream.start(daemon.socket(), images);
        telemetry = Telemetry.subscribe(daemon.socket(), PERIOD_MS);
        telemetry.awaitSample(30, s -> s.path("power_w").isNumber() && s.path("inferences").asInt() > 0, "power is measured");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stream != null) {
            stream.close();
        }
    }

    /**
     * The sensor's directory under the driver is removed (as when the driver unbinds it) and put
     * back: the emulated kernel keeps writing the sensor's own files, so removing sensor_W there
     * would be undone within 263 ms — the driver's link is what a reader goes through.
     */
    @Test
    @Order(1)
    void aSensorThatDisappearsAndComesBack() throws Exception {
        Path link = daemon.sysfsRoot().resolve(A15_SENSOR);
        Path target = Files.readSymbolicLink(link);
        Files.delete(link);
        try {
            telemetry.skipQueued();
            telemetry.awaitSample(10, s -> s.get("power_w").isNull() && s.get("rails_w").get("a15").isNull()
                    && s.get("rails_w").get("a7").isNumber() && !s.get("degraded").isEmpty(), "the a15 rail is lost and reported");
            daemon.awaitOutput("rail a15: file is missing", 5_000);
            try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
                assertThat(client.result("status").get("degraded").asBoolean()).isTrue();
                assertThat(client.result(client.request("infer").put("image", images.base64(1))).get("class").isInt()).isTrue();
            }
        } finally {
            Files.createSymbolicLink(link, target);
        }
        telemetry.skipQueued();
        telemetry.awaitSample(10, s -> s.get("power_w").isNumber() && s.get("rails_w").get("a15").isNumber()
                && s.get("degraded").isEmpty(), "power is measured again and nothing is degraded");
        daemon.awaitOutput("rail a15: readings valid again", 5_000);
    }

    /**
     * chmod 0444 does not stop root, and these tests run as root in CI: the file is replaced by a
     * directory (with a file in it, so that nothing can rename a file over it), which makes every
     * write fail with EISDIR for any user.
     */
    @Test
    @Order(2)
    void aCpufreqFileThatCannotBeWritten() throws Exception {
        Path setspeed = daemon.sysfsRoot().resolve(POLICY4).resolve("scaling_setspeed");
        String before = Files.readString(setspeed);
        Files.delete(setspeed);
        Files.createDirectory(setspeed);
        Files.writeString(setspeed.resolve("blocker"), "");
        int answeredBefore = stream.answered();
        try (ProtocolClient control = ProtocolClient.connect(daemon.socket())) {
            // Budgets that need other a15 frequencies, so the daemon must write the file.
            telemetry.skipQueued();
            for (double latency : new double[] {2, 40, 1, 60}) {
                control.result(control.request("budget").put("latency_ms", latency));
                Thread.sleep(2 * PERIOD_MS);
            }
            telemetry.awaitSample(10, s -> s.get("degraded").toString().contains("scaling_setspeed"),
                    "the refused actuator is reported");
            daemon.awaitOutput("actuator failed", 5_000);
            JsonNode status = control.result("status");
            assertThat(status.get("degraded").asBoolean()).isTrue();
            assertThat(control.result("hello").get("protocol").asInt()).isEqualTo(1);
            control.result("release");
        } finally {
            try (Stream<Path> inside = Files.list(setspeed)) {
                for (Path p : inside.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(setspeed);
            Files.writeString(setspeed, before);
        }
        // Answers keep coming: wait for one more than before (a loaded host answers later, not never).
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stream.answered() <= answeredBefore && System.nanoTime() < deadline) {
            Thread.sleep(PERIOD_MS);
        }
        assertThat(stream.answered()).as("inferences kept being answered").isGreaterThan(answeredBefore);
        assertThat(stream.failures()).isEmpty();
    }

    @Test
    @Order(3)
    void aBrokenConfigurationOnSighupIsRefusedAndTheDaemonKeepsServing() throws Exception {
        Path config = home.resolve("dynnd.yaml");
        String good = Files.readString(config);
        Files.writeString(config, good.replace("period_ms: 300", "period_ms: fast"));
        try {
            daemon.signal("HUP");
            daemon.awaitOutput("SIGHUP: new configuration refused", 10_000);
            assertThat(daemon.output()).contains("governor.period_ms");
            assertThat(daemon.isAlive()).isTrue();
            try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
                assertThat(client.result("hello").get("protocol").asInt()).isEqualTo(1);
                assertThat(client.result(client.request("budget").put("latency_ms", 30)).get("met").isBoolean()).isTrue();
            }
            telemetry.skipQueued();
            telemetry.next(2);
        } finally {
            Files.writeString(config, good);
        }
    }

    /**
     * A valid new configuration on SIGHUP takes effect without a restart: the control period goes
     * from 300 to 900 ms (telemetry samples, one per period, come 900 ms apart) and back, while
     * inferences keep being answered; a key that needs a restart (model.bundle) is named in the log
     * and the running model stays.
     */
    @Test
    @Order(4)
    void aValidConfigurationOnSighupTakesEffectLiveAndRestartKeysWait() throws Exception {
        Path config = home.resolve("dynnd.yaml");
        String good = Files.readString(config);
        int answeredBefore = stream.answered();
        Path bundle = Command.distribution().resolve("models/alexnet-g4-fmnist");
        Files.writeString(config, good.replace("period_ms: " + PERIOD_MS, "period_ms: 900") + "model:\n  bundle: " + bundle + "\n");
        try {
            reload();
            assertThat(daemon.output()).contains("applied governor.period_ms; at the next start: model.bundle",
                    "model.bundle changed: takes effect at the next start");
            List<Long> gaps = periodsBetweenSamples();
            assertThat(median(gaps)).as("one sample per control period of 900 ms: %s", gaps).isBetween(700L, 1_300L);
            try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
                assertThat(client.result("hello").get("model").asText()).startsWith("grouped-alexnet");
            }
        } finally {
            Files.writeString(config, good);
            reload();
        }
        List<Long> gaps = periodsBetweenSamples();
        assertThat(median(gaps)).as("back to 300 ms: %s", gaps).isBetween(150L, 550L);
        assertThat(stream.answered()).as("inferences kept being answered").isGreaterThan(answeredBefore);
        assertThat(stream.failures()).isEmpty();
    }

    /** Sends SIGHUP and waits for the daemon to log one more accepted reload. */
    private static void reload() throws Exception {
        String accepted = "SIGHUP: configuration reloaded";
        int before = daemon.output().split(accepted, -1).length;
        daemon.signal("HUP");
        long deadline = System.currentTimeMillis() + 10_000;
        while (daemon.output().split(accepted, -1).length == before) {
            assertThat(System.currentTimeMillis()).as(daemon.output()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * The time between the samples of six control periods that start after this call, ms. One gap
     * is as long as the host let that period's thread wait; their median is the period.
     */
    private static List<Long> periodsBetweenSamples() throws InterruptedException {
        telemetry.skipQueued();
        telemetry.next(); // the period the reload fell in
        List<JsonNode> samples = telemetry.next(6);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            gaps.add(samples.get(i).get("time_ms").asLong() - samples.get(i - 1).get("time_ms").asLong());
        }
        return gaps;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** SIGTERM ends the daemon cleanly: exit code 0, every file it changed as it found it, no socket. */
    @Test
    @Order(5)
    void sigtermRestoresEverythingAndRemovesTheSocket() throws Exception {
        Path stateFile = daemon.runtimeDir().resolve("hardware-state.json");
        JsonNode state = ProtocolClient.JSON.readTree(stateFile.toFile());
        Map<String, String> originals = new TreeMap<>();
        state.get("files").fields().forEachRemaining(e -> originals.put(e.getKey(), e.getValue().asText()));
        assertThat(originals).isNotEmpty();
        assertThat(originals.keySet()).anyMatch(f -> f.endsWith("policy4/scaling_governor"));
        Map<String, String> changed = new TreeMap<>();
        for (String file : originals.keySet()) {
            changed.put(file, Files.readString(daemon.sysfsRoot().resolve(file.substring(1))));
        }
        assertThat(changed).as("the daemon changed the files it recorded").isNotEqualTo(originals);

        stream.close();
        telemetry.close();
        daemon.signal("TERM");
        assertThat(daemon.waitFor(30_000)).as(daemon.output()).isZero();
        for (Map.Entry<String, String> original : originals.entrySet()) {
            assertThat(Files.readString(daemon.sysfsRoot().resolve(original.getKey().substring(1))))
                    .as(original.getKey()).isEqualTo(original.getValue());
        }
        assertThat(daemon.socket()).doesNotExist();
        assertThat(stateFile).doesNotExist();
    }

    /**
     * kill -9 leaves the daemon's frequencies in the tree and its state file behind; the next
     * start must restore the originals before it takes over, or it would record the dead daemon's
     * settings as the originals and "restore" them when it stops. Before the first start of this
     * test the tree is set the way an administrator might leave a board (a conservative governor
     * on the LITTLE cluster, the big one capped at 1.8 GHz) and every file is snapshotted.
     */
    @Test
    @Order(6)
    void killDashNineThenARestartRestoresTheOriginalFrequencies() throws Exception {
        Path root = daemon.sysfsRoot();
        Files.writeString(root.resolve("sys/devices/system/cpu/cpufreq/policy0/scaling_governor"), "conservative\n");
        Files.writeString(root.resolve(POLICY4).resolve("scaling_max_freq"), "1800000\n");
        Map<String, String> original = snapshot(root);
        assertThat(original).containsKeys("sys/devices/system/cpu/cpufreq/policy0/scaling_setspeed",
                POLICY4 + "/scaling_min_freq", "sys/devices/platform/12c60000.i2c/i2c-3/3-0045/enable");

        try (DaemonProcess doomed = DaemonProcess.start(home);
                InferenceStream load = InferenceStream.start(doomed.socket(), images);
                ProtocolClient control = ProtocolClient.connect(doomed.socket());
                Telemetry watch = Telemetry.subscribe(doomed.socket(), PERIOD_MS)) {
            // Work at full speed, then under a power cap (on a7, or on a15 at its floor): frequencies move.
            watch.awaitSample(20, s -> s.get("op").get("unit").asText().equals("a15") && s.get("inferences").asInt() > 0, "a15 works");
            control.result(control.request("budget").put("power_w", BudgetsIT.CAP_W));
            watch.skipQueued();
            watch.awaitSample(20, s -> s.get("inferences").asInt() > 0 && (s.get("op").get("unit").asText().equals("a7")
                    || s.get("op").get("frequency_khz").asLong() <= 300_000), "the cap is in force");
            assertThat(snapshot(root)).as("the daemon changed the tree").isNotEqualTo(original);

            doomed.signal("KILL");
            assertThat(doomed.waitFor(10_000)).isEqualTo(128 + 9);
            assertThat(doomed.runtimeDir().resolve("hardware-state.json")).exists();
            assertThat(snapshot(root)).as("kill -9 leaves the daemon's settings").isNotEqualTo(original);
        }

        try (DaemonProcess restarted = DaemonProcess.start(home)) {
            restarted.awaitOutput("a previous run died without restoring the hardware", 5_000);
            try (ProtocolClient client = ProtocolClient.connect(restarted.socket())) {
                assertThat(client.result("hello").get("protocol").asInt()).isEqualTo(1);
            }
            assertThat(restarted.stop()).as(restarted.output()).isZero();
        }
        assertThat(snapshot(root)).isEqualTo(original);
    }

    /**
     * Every cpufreq file of both policies and every INA231 enable file, by path under the root.
     * Left out: scaling_cur_freq and cpuinfo_cur_freq, which the emulated kernel rewrites with the
     * frequency it ran at during its last tick (as the real files show the running clock); they are
     * read-only and no daemon writes or restores them.
     */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String dir : new String[] {"sys/devices/system/cpu/cpufreq", "sys/devices/platform/12c60000.i2c/i2c-3"}) {
            try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    boolean cpufreq = dir.contains("cpufreq") && !name.endsWith("_cur_freq");
                    if ((cpufreq || name.equals("enable")) && !name.startsWith(".")) {
                        files.put(root.relativize(file).toString(), Files.readString(file));
                    }
                }
            }
        }
        return files;
    }
}
