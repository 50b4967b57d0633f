package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.scenario.ScenarioFile;
import org.dynnd.daemon.scenario.ScenarioSimulation;
import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.sim.Metrics;
import org.dynnd.governor.sim.Simulator;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.net.AlexNetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shortened report on the emulated Odroid XU3 (few host inferences, one short scenario; the
 * grouped bundle stands in for the nested one), checked against the data it came from.
 */
class EvaluationReportTest {

    private static final Path MODEL = Path.of("../../models/zoo/alexnet-g4-fmnist");
    /** A short scenario the governor section simulates quickly. */
    static final String SCENARIO = """
            name: short-cap
            description: two power caps under max-accuracy
            periods: 240
            periodMs: 100
            load: 0.3
            settleWindow: 3
            accuracyPercent: [68.0, 77.5, 81.0, 83.0]
            noise: {latencySigma: 0.05, powerSigma: 0.02}
            budgets:
              - {at: 0, objective: max-accuracy, latencyX: 2.5, powerX: 0.6}
              - {at: 120, objective: max-accuracy, latencyX: 2.5, powerX: 0.3}
            """;

    @TempDir
    static Path dir;
    static Path scenarios;
    static ReportContent content;
    static JsonNode json;
    static String progress;

    @BeforeAll
    static void report() throws Exception {
        System.setProperty("java.awt.headless", "true");
        scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("short-cap.yaml"), SCENARIO);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = dir.resolve("out");
        content = EvaluationReport.run(new EvaluationReport.Settings("emulated:odroid-xu3", Path.of("../../config/boards"), Path.of("/"),
                MODEL, MODEL, scenarios, out, 2, 3, 1, "fashion-mnist:../../models/data/fashion-mnist", 20, new PrintStream(log, true, StandardCharsets.UTF_8)));
        progress = log.toString(StandardCharsets.UTF_8);
        json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void writesEveryFileTheReportNames() throws Exception {
        Path out = dir.resolve("out");
        for (String file : List.of("report.html", "report.md", "accuracy.png", "latency-per-unit.png",
                "energy-per-unit.png", "space-latency.png", "space-energy.png", "space-power.png", "governor-power.png",
                "governor-accuracy.png")) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        String md = Files.readString(out.resolve("report.md"));
        DynamicRanges.Range widest = content.widest();
        assertThat(md).contains(String.format(java.util.Locale.ROOT, "%.2fx", widest.timeRatio()))
                .contains("Measured on this host").contains("From the board model of odroid-xu3")
                .contains("re-measured % (20 images)").contains("Re-measured here on the first 20 test images");
        assertThat(progress).contains("host: 3/3 inferences per k measured").contains("accuracy: k=4").contains("governor: simulating scenario short-cap");
    }

    @Test
    void accuracyAndMemoryAreTheManifests() throws Exception {
        Manifest manifest = ModelBundle.manifest(MODEL);
        JsonNode model = json.get("model");
        for (int k = 1; k <= 4; k++) {
            assertThat(model.get("accuracy_percent").get(k - 1).asDouble()).isEqualTo(manifest.accuracy(k));
            assertThat(model.get("parameter_bytes").get(k - 1).asLong()).isEqualTo(manifest.parameterBytes().get(k - 1));
        }
        assertThat(model.get("dense_accuracy_percent").asDouble()).isEqualTo(manifest.denseAccuracy());
        JsonNode remeasured = model.get("remeasured_accuracy");
        assertThat(remeasured.get("images").asInt()).isEqualTo(20);
        for (int k = 1; k <= 4; k++) {
            double accuracy = remeasured.get("accuracy_percent").get(k - 1).asDouble();
            assertThat(accuracy % 5).as("a share of 20 images").isCloseTo(0, within(1e-9));
            // 20 images: far from the manifest's 86-88 % only if the served model were broken.
            assertThat(accuracy).isGreaterThanOrEqualTo(60);
            assertThat(accuracy).isEqualTo(content.accuracyCheck().orElseThrow().accuracyPercent()[k - 1]);
        }
        long grouped = manifest.parameterBytes().get(3) + 3L * 10 * Float.BYTES;
        assertThat(model.get("memory").get("grouped_bytes").asLong()).isEqualTo(grouped);
        assertThat(model.get("memory").get("separate_models_bytes").asLong())
                .isEqualTo(AlexNetSpec.separateModelsBytes(4, 10));
        assertThat(model.get("memory").get("ratio").asDouble())
                .isEqualTo((double) AlexNetSpec.separateModelsBytes(4, 10) / grouped);
    }

    @Test
    void everyOperatingPointIsTheHostSamplesMappedByTheBoardModel() throws Exception {
        Manifest manifest = ModelBundle.manifest(MODEL);
        BoardModel board = Boards.odroidXu3(4);
        double[] accuracy = manifest.accuracy().stream().mapToDouble(Double::doubleValue).toArray();
        ModelProfile profile = new GroupedAlexNetCost(4).profile(manifest.architecture(), "x", accuracy);
        OpSpace space = board.opSpace(profile.ks());
        double[] reference = doubles(json.get("host_latency").get("reference_ms"));
        for (int k = 0; k < 4; k++) {
            double[] samples = doubles(json.get("host_latency").get("samples_ms").get(k));
            assertThat(samples).hasSize(3);
            assertThat(json.get("host_latency").get("least_ms").get(k).asDouble())
                    .isEqualTo(java.util.Arrays.stream(samples).min().orElseThrow());
            assertThat(json.get("host_latency").get("median_ms").get(k).asDouble()).isEqualTo(Characterisation.median(samples));
        }
        JsonNode points = json.get("operating_points");
        assertThat(points).hasSize(space.size()).hasSize(4 * (13 + 19));
        for (JsonNode p : points) {
            int i = p.get("index").asInt();
            var op = space.point(i);
            assertThat(p.get("k").asInt()).isEqualTo(op.k());
            assertThat(p.get("frequency_khz").asLong()).isEqualTo(op.frequencyKHz());
            assertThat(p.get("unit").asText()).isEqualTo(space.unit(op.unit()).name());
            double[] host = doubles(json.get("host_latency").get("samples_ms").get(op.k() - 1));
            double latency = Characterisation.boardLatencyMs(board, space, profile, reference, host, i);
            assertThat(p.get("latency_ms").asDouble()).isEqualTo(latency);
            // The host adds its deviation from its typical time, never less than half the board model's time.
            assertThat(latency).isGreaterThanOrEqualTo(board.latencyMs(op, profile.costOf(op.k())) / 2);
            assertThat(p.get("power_w").asDouble()).isEqualTo(board.busyPowerW(op));
            assertThat(p.get("energy_mj").asDouble()).isEqualTo(board.busyPowerW(op) * latency);
            assertThat(p.get("accuracy_percent").asDouble()).isEqualTo(manifest.accuracy(op.k()));
            JsonNode model = json.get("board_model_operating_points").get(i);
            assertThat(model.get("index").asInt()).isEqualTo(i);
            assertThat(model.get("latency_ms").asDouble()).isEqualTo(board.latencyMs(op, profile.costOf(op.k())));
            assertThat(model.get("energy_mj").asDouble())
                    .isEqualTo(board.busyPowerW(op) * board.latencyMs(op, profile.costOf(op.k())));
        }
    }

    @Test
    void theFrontsHoldExactlyTheUndominatedPoints() {
        List<double[]> all = new ArrayList<>();
        json.get("operating_points").forEach(p -> all.add(new double[] {-p.get("accuracy_percent").asDouble(),
                p.get("latency_ms").asDouble(), p.get("energy_mj").asDouble(), p.get("power_w").asDouble()}));
        checkFront(json.get("pareto_fronts").get("latency"), all, new int[] {0, 1});
        checkFront(json.get("pareto_fronts").get("energy"), all, new int[] {0, 2});
        checkFront(json.get("pareto_fronts").get("power"), all, new int[] {0, 3});
        JsonNode dvfs = json.get("dynamic_ranges").get("levels").get(2);
        assertThat(dvfs.get("level").asText()).isEqualTo("pruning+mapping+dvfs");
        checkFront(dvfs.get("front"), all, new int[] {0, 1, 2, 3});
        List<double[]> model = new ArrayList<>();
        json.get("board_model_operating_points").forEach(p -> model.add(new double[] {-p.get("accuracy_percent").asDouble(),
                p.get("latency_ms").asDouble(), p.get("energy_mj").asDouble(), p.get("power_w").asDouble()}));
        checkFront(json.get("dynamic_ranges").get("board_model_levels").get(2).get("front"), model, new int[] {0, 1, 2, 3});
    }

    /** Brute force: a listed point is dominated by none; an unlisted one by some point or an earlier equal one. */
    private static void checkFront(JsonNode front, List<double[]> all, int[] objectives) {
        Set<Integer> listed = new HashSet<>();
        front.forEach(n -> listed.add(n.asInt()));
        assertThat(listed).isNotEmpty();
        for (int i = 0; i < all.size(); i++) {
            boolean beaten = false;
            for (int j = 0; j < all.size() && !beaten; j++) {
                boolean noWorse = true;
                boolean better = false;
                boolean equal = true;
                for (int o : objectives) {
                    noWorse &= all.get(j)[o] <= all.get(i)[o];
                    better |= all.get(j)[o] < all.get(i)[o];
                    equal &= all.get(j)[o] == all.get(i)[o];
                }
                beaten = (noWorse && better) || (j < i && equal);
            }
            assertThat(listed.contains(i)).as("point %d on the front", i).isEqualTo(!beaten);
        }
    }

    @Test
    void theRangesAreTheExtremesOfTheirFronts() {
        checkRanges(json.get("dynamic_ranges").get("levels"), json.get("operating_points"));
        checkRanges(json.get("dynamic_ranges").get("board_model_levels"), json.get("board_model_operating_points"));
        assertThat(json.get("dynamic_ranges").get("paper_time_ratio").asDouble()).isEqualTo(41.6);
    }

    private static void checkRanges(JsonNode levels, JsonNode points) {
        int[] candidates = {4, 8, 4 * (13 + 19)};
        for (int l = 0; l < 3; l++) {
            JsonNode level = levels.get(l);
            assertThat(level.get("candidates").asInt()).isEqualTo(candidates[l]);
            double minT = Double.MAX_VALUE;
            double maxT = 0;
            double minE = Double.MAX_VALUE;
            double maxE = 0;
            for (JsonNode i : level.get("front")) {
                JsonNode p = points.get(i.asInt());
                minT = Math.min(minT, p.get("latency_ms").asDouble());
                maxT = Math.max(maxT, p.get("latency_ms").asDouble());
                minE = Math.min(minE, p.get("energy_mj").asDouble());
                maxE = Math.max(maxE, p.get("energy_mj").asDouble());
                if (l < 2) {
                    assertThat(p.get("max_frequency").asBoolean()).isTrue();
                }
            }
            assertThat(level.get("min_latency_ms").asDouble()).isEqualTo(minT);
            assertThat(level.get("max_latency_ms").asDouble()).isEqualTo(maxT);
            assertThat(level.get("time_ratio").asDouble()).isEqualTo(maxT / minT);
            assertThat(level.get("energy_ratio").asDouble()).isEqualTo(maxE / minE);
            if (l > 0) {
                assertThat(level.get("time_ratio").asDouble()).as("a level never narrows the one before")
                        .isGreaterThanOrEqualTo(levels.get(l - 1).get("time_ratio").asDouble() * (1 - 1e-12));
            }
        }
    }

    @Test
    void theGovernorTableIsTheSimulatorsComparison() throws ConfigException {
        Path file = scenarios.resolve("short-cap.yaml");
        Simulator sim = ScenarioSimulation.simulator("odroid-xu3", file, ScenarioFile.read(file));
        List<Metrics> fresh = List.copyOf(new Comparison(sim, 1, ControllerConfig.defaults()).run(Comparison.POLICIES).values());
        JsonNode scenario = json.get("governor").get("scenarios").get(0);
        assertThat(scenario.get("scenario").asText()).isEqualTo("short-cap");
        JsonNode policies = scenario.get("policies");
        assertThat(policies).hasSize(Comparison.POLICIES.size());
        for (int i = 0; i < fresh.size(); i++) {
            assertThat(policies.get(i).get("policy").asText()).isEqualTo(fresh.get(i).policy());
            assertThat(policies.get(i).get("energyVsOracle").asDouble()).isEqualTo(fresh.get(i).energyVsOracle());
            assertThat(policies.get(i).get("latencyViolationShare").asDouble())
                    .isEqualTo(fresh.get(i).latencyViolationShare());
        }
        JsonNode series = json.get("governor").get("time_series");
        assertThat(series.get("power_w").get("dynnd")).hasSize(240);
        assertThat(series.get("power_cap_w").get(0).asDouble()).isGreaterThan(series.get("power_cap_w").get(200).asDouble());
    }

    @Test
    void theStandInNestedBundleComparesEqual() {
        JsonNode nested = json.get("nested");
        assertThat(nested.get("present").asBoolean()).isTrue();
        JsonNode ratios = nested.get("grouped_over_nested");
        assertThat(ratios.get("memory_ratio").asDouble()).isEqualTo(1.0);
        double[] host = doubles(nested.get("host_min_ms"));
        double[] groupedHost = doubles(nested.get("grouped_host_min_ms"));
        double[] groupedCost = new GroupedAlexNetCost(4).relativeCosts();
        for (int k = 0; k < 4; k++) {
            assertThat(nested.get("relative_cost").get(k).asDouble())
                    .isCloseTo(groupedCost[k] * host[k] / groupedHost[k], within(1e-12));
            assertThat(nested.get("accuracy_percent").get(k).asDouble())
                    .isEqualTo(json.get("model").get("accuracy_percent").get(k).asDouble());
        }
        JsonNode ranges = nested.get("dynamic_ranges");
        assertThat(ranges).hasSize(3);
        assertThat(ratios.get("time_range_ratio").asDouble()).isCloseTo(
                json.get("dynamic_ranges").get("board_model_levels").get(2).get("time_ratio").asDouble()
                        / ranges.get(2).get("time_ratio").asDouble(), within(1e-12));
    }

    @Test
    void aMissingNestedBundleIsSaidPlainly(@TempDir Path empty) {
        NestedComparison n = NestedComparison.missing(empty.resolve("alexnet-g4-fmnist-nested")).orElseThrow();
        assertThat(NestedComparison.missing(MODEL)).isEmpty();
        assertThat(n.present()).isFalse();
        assertThat(n.absent()).contains("alexnet-g4-fmnist-nested").contains("pending");
        assertThat(ReportRender.markdown("t", List.of(new Block.Paragraph("Not compared: " + n.absent()))))
                .contains("no nested-width bundle");
    }

    @Test
    void onlyBoardsWithABoardModelAreEmulated() {
        assertThatThrownBy(() -> EvaluationReport.preset("emulated:generic", Path.of("../../config/boards")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'emulated:generic'")
                .hasMessageContaining("allowed: emulated:").hasMessageContaining("emulated:odroid-xu3")
                .hasMessageContaining("emulated:jetson-nano").hasMessageContaining("or the real board this runs on: auto, ")
                .hasMessageContaining("generic");
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
