package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dynnd.daemon.board.FakeGenericBoard;
import org.dynnd.daemon.report.ParetoFront.Objective;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynnd report --platform generic} for real, on a generic board's sysfs tree: two
 * acpi-cpufreq policies (CPUs 0 and 1 of this host) and RAPL counters that hold a known power's
 * energy up to the latest reading of the board's clock, the clock the report is measured on.
 * The calibration writes the frequencies, pins inference to each policy's CPU and reads the
 * counters; report.json is checked against what it came from, and the tree against its original.
 */
class BoardReportTest {

    private static final Path MODEL = Path.of("../../models/zoo/alexnet-g4-fmnist");

    @TempDir
    static Path dir;
    static FakeGenericBoard board;
    static Map<String, String> original;
    static Map<String, String> after;
    static Path out;
    static JsonNode json;
    static String progress;

    @BeforeAll
    static void report() throws Exception {
        System.setProperty("java.awt.headless", "true");
        board = FakeGenericBoard.create(dir.resolve("sysfs"), true);
        original = board.cpufreqFiles();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        out = dir.resolve("out");
        // 4 samples: 3 inferences per calibrated latency point.
        EvaluationReport.run(new EvaluationReport.Settings("generic", Path.of("../../config/boards"), board.root(), MODEL,
                dir.resolve("no-nested"), dir.resolve("no-scenarios"), out, 2, 4, 1, "", 0,
                new PrintStream(log, true, StandardCharsets.UTF_8), board.clock()));
        after = board.cpufreqFiles();
        progress = log.toString(StandardCharsets.UTF_8);
        json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        board.close();
    }

    @Test
    void everyFrequencyWasSetThroughUserspaceAndEveryCpufreqFileIsBackAfterwards() {
        // Busy and idle power are measured at every frequency, reading the board's clock, which notes the files.
        for (String policy : List.of("policy0", "policy1")) {
            for (String khz : List.of("800000", "1200000", "1800000", "2400000")) {
                assertThat(board.seen()).contains(policy + " userspace " + khz);
            }
        }
        assertThat(progress).contains("calibrated 32 operating points").contains("hardware settings restored");
        assertThat(after).isEqualTo(original);
        assertThat(out.resolve(BoardCharacterisation.STATE_FILE)).doesNotExist();
    }

    @Test
    void theReportSaysItWasMeasuredOnTheBoardAndWhatComesFromTheFit() throws Exception {
        assertThat(json.get("platform").asText()).isEqualTo("generic");
        assertThat(json.get("measured_on_board").asBoolean()).isTrue();
        assertThat(json.get("board_model").asText()).isEmpty();
        assertThat(json.get("governor").isNull()).isTrue();
        assertThat(json.get("sources").toString()).contains("Measured on the board generic")
                .contains("fitted with t = a/f + b").contains("No board model");
        assertThat(Files.readString(out.resolve("report.md"))).contains("measured ms").contains("Not simulated")
                .doesNotContain("emulated ms");
        assertThat(out.resolve("space-energy.png")).exists();
    }

    @Test
    void everyPointsPowerIsTheRaplPackageRateAndItsEnergyPowerTimesLatency() throws Exception {
        List<OpPoint> points = points(json.get("operating_points"));
        assertThat(points).hasSize(2 * 4 * 4);
        Manifest manifest = ModelBundle.manifest(MODEL);
        Map<String, Double> powerAt = new HashMap<>();
        for (OpPoint p : points) {
            assertThat(p.unit()).isIn("policy0", "policy1");
            assertThat(p.frequencyKHz()).isIn(800_000L, 1_200_000L, 1_800_000L, 2_400_000L);
            assertThat(p.maxFrequency()).isEqualTo(p.frequencyKHz() == 2_400_000L);
            assertThat(p.accuracyPercent()).isEqualTo(manifest.accuracy(p.k()));
            // The package zone is the board: 6 W, the core zone's 4 W inside it, not added.
            assertThat(p.powerW()).as(p.label()).isBetween(FakeGenericBoard.PACKAGE_W - 1, FakeGenericBoard.PACKAGE_W + 1);
            assertThat(p.energyMj()).isCloseTo(p.powerW() * p.latencyMs(), within(1e-9));
            // Busy power is measured once per unit and frequency, at full width: every k shares it.
            Double shared = powerAt.putIfAbsent(p.unit() + "@" + p.frequencyKHz(), p.powerW());
            if (shared != null) {
                assertThat(p.powerW()).isEqualTo(shared);
            }
        }
        assertThat(json.get("board_model_operating_points")).isEqualTo(json.get("operating_points"));
    }

    @Test
    void latenciesFollowTheCalibratedFitOfEachUnitAndK() {
        List<OpPoint> points = points(json.get("operating_points"));
        for (String unit : List.of("policy0", "policy1")) {
            for (int k = 1; k <= 4; k++) {
                Map<Long, Double> t = new HashMap<>();
                for (OpPoint p : points) {
                    if (p.unit().equals(unit) && p.k() == k) {
                        t.put(p.frequencyKHz(), p.latencyMs());
                    }
                }
                // t = a/f + b through the lowest and highest frequency gives the ones in between.
                double a = (t.get(800_000L) - t.get(2_400_000L)) / (1.0 / 800_000 - 1.0 / 2_400_000);
                double b = t.get(2_400_000L) - a / 2_400_000;
                for (long f : List.of(1_200_000L, 1_800_000L)) {
                    assertThat(t.get(f)).as(unit + " k=" + k + " at " + f).isCloseTo(a / f + b, within(1e-6 * t.get(f)));
                }
                assertThat(t.get(2_400_000L)).as("measured inference time, ms").isBetween(0.05, 5_000.0);
            }
        }
    }

    @Test
    void theFrontsAndRangesAreComputedFromTheMeasuredPoints() {
        List<OpPoint> points = points(json.get("operating_points"));
        JsonNode fronts = json.get("pareto_fronts");
        assertThat(indices(fronts.get("latency"))).isEqualTo(
                ParetoFront.of(points, Objective.ACCURACY, Objective.LATENCY).stream().map(OpPoint::index).toList());
        assertThat(indices(fronts.get("energy"))).isEqualTo(
                ParetoFront.of(points, Objective.ACCURACY, Objective.ENERGY).stream().map(OpPoint::index).toList());
        List<DynamicRanges.Range> ranges = DynamicRanges.of(points);
        JsonNode levels = json.get("dynamic_ranges").get("levels");
        assertThat(levels).hasSize(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            DynamicRanges.Range r = ranges.get(i);
            JsonNode level = levels.get(i);
            assertThat(indices(level.get("front"))).isEqualTo(r.front().stream().map(OpPoint::index).toList());
            List<OpPoint> front = r.front();
            double min = front.stream().mapToDouble(OpPoint::latencyMs).min().orElseThrow();
            double max = front.stream().mapToDouble(OpPoint::latencyMs).max().orElseThrow();
            assertThat(level.get("time_ratio").asDouble()).isCloseTo(max / min, within(1e-9));
        }
        // With DVFS the front spans at least the frequencies' spread of the fastest k.
        assertThat(levels.get(2).get("candidates").asInt()).isEqualTo(32);
    }

    private static List<OpPoint> points(JsonNode list) {
        List<OpPoint> points = new ArrayList<>();
        for (JsonNode n : list) {
            points.add(new OpPoint(n.get("index").asInt(), n.get("k").asInt(), n.get("unit").asText(),
                    n.get("frequency_khz").asLong(), n.get("max_frequency").asBoolean(), n.get("accuracy_percent").asDouble(),
                    n.get("latency_ms").asDouble(), n.get("power_w").asDouble(), n.get("energy_mj").asDouble()));
        }
        return points;
    }

    private static List<Integer> indices(JsonNode list) {
        List<Integer> indices = new ArrayList<>();
        list.forEach(n -> indices.add(n.asInt()));
        return indices;
    }
}
