package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynnd demo}, shortened, from the distribution: the daemon runs as a child process on the
 * emulated XU3, and the report's summaries must follow from the telemetry it holds.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DemoIT {

    private static final double DURATION_S = 24;
    private static final int SETTLING = 3;

    // One demo run for all the checks: it takes half a minute.
    @TempDir
    static Path out;

    private static String stdout;
    private static int exitCode;
    private static JsonNode report;

    @BeforeAll
    static void runTheDemo() throws Exception {
        Path distribution = Path.of(System.getProperty("dynnd.distribution", "../daemon/target/dynnd")).toAbsolutePath();
        Process demo = new ProcessBuilder(distribution.resolve("bin/dynnd").toString(), "demo",
                "--duration-s", Double.toString(DURATION_S), "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("demo.out").toFile())
                .start();
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo finished within 5 minutes").isTrue();
        exitCode = demo.exitValue();
        stdout = Files.readString(out.resolve("demo.out"));
        report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void theDemoEndsWellAndNamesItsReport() {
        assertThat(exitCode).as(stdout).isZero();
        assertThat(stdout).contains("report: " + out.resolve("report.html"));
        assertThat(stdout).contains("the daemon exited with code 0 after SIGTERM");
        assertThat(report.path("daemon_exit_code").asInt(-1)).isZero();
        assertThat(report.path("platform").asText()).isEqualTo("emulated:odroid-xu3");
    }

    @Test
    void everyPeriodIsARowOfTheLiveTableAndASampleOfTheReport() {
        long rows = stdout.lines().filter(l -> l.matches("\\s*\\d+\\.\\d\\s+.*k=\\d .*")).count();
        int samples = report.path("samples").size();
        // One period per 0.5 s; the first may come before the first step's header is printed.
        assertThat(samples).isBetween((int) (DURATION_S / 0.5) - 6, (int) (DURATION_S / 0.5) + 2);
        assertThat(rows).isEqualTo(samples);
    }

    @Test
    void theTerminalShowsTheSummaryOfEveryStepAsTheReportHasIt() {
        List<String> lines = stdout.lines().toList();
        for (JsonNode step : report.path("steps")) {
            JsonNode summary = step.path("summary");
            String met = step.path("index").asInt() == 0 ? "no budget"
                    : summary.path("met_periods").asInt() + "/" + summary.path("settled_periods").asInt() + " (";
            String name = step.path("name").asText();
            assertThat(lines).as(stdout).anyMatch(l -> l.startsWith(name + " ") && l.contains(met)
                    && l.contains(" " + summary.path("periods").asInt() + " "));
        }
    }

    @Test
    void theSummariesFollowFromTheSamples() {
        JsonNode steps = report.path("steps");
        assertThat(steps).hasSize(6);
        for (JsonNode step : steps) {
            List<JsonNode> mine = new ArrayList<>();
            for (JsonNode s : report.path("samples")) {
                if (s.path("step").asInt() == step.path("index").asInt()) {
                    mine.add(s);
                    assertThat(s.path("time_s").asDouble()).isBetween(step.path("start_s").asDouble(),
                            step.path("end_s").asDouble() + 0.5);
                }
            }
            List<JsonNode> settled = mine.subList(Math.min(SETTLING, mine.size()), mine.size());
            JsonNode summary = step.path("summary");
            String name = step.path("name").asText();
            assertThat(summary.path("periods").asInt()).as(name).isEqualTo(mine.size()).isGreaterThanOrEqualTo(SETTLING + 2);
            assertThat(summary.path("settled_periods").asInt()).as(name).isEqualTo(settled.size());
            int met = 0;
            long answered = 0;
            long correct = 0;
            for (JsonNode s : settled) {
                met += meets(step, s) ? 1 : 0;
                answered += s.path("images_answered").asLong();
                correct += s.path("images_correct").asLong();
            }
            assertThat(summary.path("met_periods").asInt()).as(name).isEqualTo(met);
            if (step.path("index").asInt() == 0) {
                assertThat(summary.path("met_share").isNull()).as("the steady step holds no budget").isTrue();
            } else {
                assertThat(summary.path("met_share").asDouble()).as(name).isCloseTo((double) met / settled.size(), within(1e-9));
            }
            assertThat(summary.path("live_accuracy").asDouble()).as(name).isCloseTo(100.0 * correct / answered, within(1e-9));
            assertThat(summary.path("median_p95_ms").asDouble()).as(name)
                    .isCloseTo(median(settled, "latency_p95_ms"), within(1e-9));
            assertThat(summary.path("median_power_w").asDouble()).as(name).isCloseTo(median(settled, "power_w"), within(1e-9));
        }
    }

    @Test
    void theImagesAreRealAndMostlyClassifiedRight() {
        long answered = 0;
        long correct = 0;
        for (JsonNode s : report.path("samples")) {
            assertThat(s.path("images_correct").asLong()).isLessThanOrEqualTo(s.path("images_answered").asLong());
            answered += s.path("images_answered").asLong();
            correct += s.path("images_correct").asLong();
        }
        // The shipped model reaches 86-88 % on the Fashion-MNIST test set at every k.
        assertThat(answered).isGreaterThan(200);
        assertThat(100.0 * correct / answered).isBetween(75.0, 95.0);
    }

    @Test
    void theBudgetsAndTheCoRunnerReachedTheDaemon() throws Exception {
        JsonNode steps = report.path("steps");
        assertThat(steps.get(2).path("latency_ms").asDouble()).isPositive();
        assertThat(steps.get(3).path("power_w").asDouble()).isPositive();
        assertThat(steps.get(4).path("energy_mj").asDouble()).isPositive();
        assertThat(steps.get(5).path("co_runner").asBoolean()).isTrue();
        // Without a budget the daemon says nothing about it being met.
        for (JsonNode s : report.path("samples")) {
            if (s.path("step").asInt() == 0) {
                assertThat(s.path("met_by_daemon").isNull()).isTrue();
            }
        }
        String log = Files.readString(out.resolve("daemon.log"));
        assertThat(log).contains("co-runner on a15 started: slowdown 1.8, load 1.0").contains("SIGTERM: stopping");
    }

    @Test
    void theReportPageShowsEveryPlot() throws Exception {
        String html = Files.readString(out.resolve("report.html"));
        for (String png : List.of("latency.png", "power.png", "energy.png", "operating-point.png", "accuracy.png")) {
            assertThat(html).contains("src=\"" + png + "\"");
            byte[] head = Arrays.copyOf(Files.readAllBytes(out.resolve(png)), 8);
            assertThat(head).as(png).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        }
        assertThat(html).contains("tight latency").contains("co-runner on a15");
    }

    private static boolean meets(JsonNode step, JsonNode s) {
        JsonNode p95 = s.path("latency_p95_ms");
        if (!p95.isNumber()) {
            return false;
        }
        return holds(step.path("latency_ms"), p95) && holds(step.path("power_w"), s.path("power_w"))
                && holds(step.path("energy_mj"), s.path("energy_per_inference_mj"));
    }

    /** A constraint that is null holds; otherwise the measurement must be known and at most the limit. */
    private static boolean holds(JsonNode limit, JsonNode measured) {
        return limit.isNull() || (measured.isNumber() && measured.asDouble() <= limit.asDouble());
    }

    private static double median(List<JsonNode> samples, String key) {
        double[] v = samples.stream().filter(s -> s.path(key).isNumber()).mapToDouble(s -> s.path(key).asDouble()).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
