package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A co-runner on the big cluster starts and stops while the daemon serves a steady stream of
 * inferences: every period serves, nothing is lastingly degraded, and the board's a15 rail carries
 * the co-runner's load while it runs (the sensors see the interference).
 */
class CoRunnerIT extends DaemonTest {

    static final long PERIOD_MS = 300;
    static final String STARTED = "co-runner on a15 started";
    static final String STOPPED = "co-runner on a15 stopped";

    static InferenceStream stream;
    static Telemetry telemetry;
    static final List<JsonNode> before = new ArrayList<>();
    static final List<JsonNode> during = new ArrayList<>();
    static final List<JsonNode> after = new ArrayList<>();

    @BeforeAll
    static void runThroughTheCoRunner() throws Exception {
        DaemonProcess.writeConfig(home, "emulation:\n  co_runner:\n"
                + "    - unit: a15\n      start_s: 12\n      duration_s: 10\n      slowdown: 2.0\n      load: 1.0\n");
        daemon = DaemonProcess.start(home);
        stream = InferenceStream.start(daemon.socket(), FashionMnist.load(100));
        telemetry = Telemetry.subscribe(daemon.socket(), PERIOD_MS);
        telemetry.awaitSample(20, s -> s.path("inferences").asInt() > 0, "the stream is served");
        // Whatever period is running when the log line appears straddles the change: it is dropped.
        while (!daemon.output().contains(STARTED)) {
            before.add(telemetry.next());
        }
        telemetry.next();
        while (!daemon.output().contains(STOPPED)) {
            during.add(telemetry.next());
        }
        telemetry.next();
        after.addAll(telemetry.next(20));
    }

    @AfterAll
    static void stopTheStream() throws Exception {
        if (stream != null) {
            stream.close();
        }
    }

    /**
     * A period in which the loaded machine's emulated kernel wrote no sensor sample is reported as
     * such (honestly degraded for that period); anything else degraded would be a fault.
     */
    static final String NO_READING = "power sensors: no reading this period";
    /**
     * The a15 rail while its cores are busy at the lowest frequency, 200 MHz: the XU3 board
     * model's 0.20 W static plus the dynamic power at 200 MHz and 0.9 V (0.2005 W). A co-runner
     * with load 1.0 keeps the cluster busy, so no reading can be below it, whatever the OP.
     */
    static final double A15_BUSY_AT_LOWEST_W = 0.4005;

    @Test
    void theDaemonServesThroughoutWithNothingLastinglyDegraded() throws Exception {
        assertThat(before).as("periods before the co-runner").hasSizeGreaterThanOrEqualTo(3);
        assertThat(during).as("periods while it runs (10 s of 300 ms periods)").hasSizeGreaterThanOrEqualTo(20);
        for (List<JsonNode> phase : List.of(before, during, after)) {
            for (JsonNode sample : phase) {
                assertThat(sample.path("inferences").asInt()).as("inferences in %s", sample).isPositive();
                sample.path("degraded").forEach(d -> assertThat(d.asText()).as("degraded in %s", sample).isEqualTo(NO_READING));
            }
        }
        telemetry.awaitSample(10, s -> s.path("degraded").isEmpty() && s.path("rails_w").path("a15").isNumber(),
                "nothing is degraded");
        assertThat(stream.answered()).isGreaterThan(before.size() + during.size());
    }

    @Test
    void theA15RailNeverFallsBelowItsBusyPowerWhileTheCoRunnerRuns() {
        // The first and last two periods may straddle the co-runner's start or end (the log line
        // that marks them is read between samples).
        List<Double> watts = during.subList(2, during.size() - 2).stream().map(s -> s.path("rails_w").path("a15"))
                .filter(JsonNode::isNumber).map(JsonNode::asDouble).toList();
        assertThat(watts).as("a15 readings while the co-runner runs").hasSizeGreaterThanOrEqualTo(13);
        assertThat(watts).as("a15 W while the co-runner runs; samples %s", a15(during))
                .allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(A15_BUSY_AT_LOWEST_W * 0.99));
    }

    private static List<String> a15(List<JsonNode> samples) {
        return samples.stream().map(s -> s.path("op").path("label").asText() + " a15=" + s.path("rails_w").path("a15")).toList();
    }
}
