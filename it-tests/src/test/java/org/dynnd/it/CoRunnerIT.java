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
 * inferences: nothing is lost or degraded, and the board's a15 rail carries the co-runner's load
 * while it runs and sheds it when it stops (the sensors see the interference).
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

    @Test
    void theDaemonServesThroughoutWithNothingDegraded() throws Exception {
        assertThat(before).as("periods before the co-runner").hasSizeGreaterThanOrEqualTo(3);
        assertThat(during).as("periods while it runs (10 s of 300 ms periods)").hasSizeGreaterThanOrEqualTo(20);
        for (List<JsonNode> phase : List.of(before, during, after)) {
            for (JsonNode sample : phase) {
                assertThat(sample.path("inferences").asInt()).as("inferences in %s", sample).isPositive();
                assertThat(sample.path("degraded")).as("degraded in %s", sample).isEmpty();
            }
        }
        try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
            assertThat(client.result("status").get("degraded").asBoolean()).isFalse();
        }
        assertThat(stream.answered()).isGreaterThan(before.size() + during.size());
    }

    @Test
    void theA15RailCarriesTheCoRunnerOnlyWhileItRuns() {
        double idle = meanA15Watts(before);
        double loaded = meanA15Watts(during);
        double shed = meanA15Watts(after.subList(after.size() - 5, after.size()));
        // The governor may hold a faster a15 frequency for a few periods until its slow-down
        // estimate follows the step back; the last 5 of 20 periods (6 s) must be rid of it.
        assertThat(loaded).as("a15 W while the co-runner runs vs before (%.3f W); samples %s", idle,
                a15(during)).isGreaterThan(idle * 1.2);
        assertThat(shed).as("a15 W after it stopped vs while it ran (%.3f W); samples after %s", loaded, a15(after)).isLessThan(loaded / 1.2);
    }

    private static List<String> a15(List<JsonNode> samples) {
        return samples.stream().map(s -> s.path("op").path("label").asText() + " a15=" + s.path("rails_w").path("a15")).toList();
    }

    private static double meanA15Watts(List<JsonNode> samples) {
        return samples.stream().mapToDouble(s -> s.path("rails_w").path("a15").asDouble()).average().orElseThrow();
    }
}
