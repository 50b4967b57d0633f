package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dynnd run --platform emulated:jetson-nano} as a user starts it, watched through
 * {@code dynnctl status}: the INA3221 rails of the Nano (POM_5V_IN, POM_5V_GPU, POM_5V_CPU) are
 * read, and the power they show follows what the daemon does: idle, streaming unconstrained, and
 * under a power cap that sends the work to a cheaper operating point.
 */
class JetsonNanoIT extends DaemonTest {

    static final long PERIOD_MS = 300;

    static Telemetry telemetry;
    static InferenceStream stream;
    static double idleW;
    static double fullW;
    static JsonNode fullOp;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(home.resolve("dynnd.yaml"), "platform:\n  name: emulated:jetson-nano\n"
                + "daemon:\n  runtime_dir: " + home.resolve("run") + "\n  cache_dir: " + home.resolve("cache") + "\n"
                + "governor:\n  period_ms: " + PERIOD_MS + "\n");
        daemon = DaemonProcess.start(home);
        telemetry = Telemetry.subscribe(daemon.socket(), PERIOD_MS);
        idleW = median(totalWatts(telemetry.next(6).subList(1, 6)));
        stream = InferenceStream.start(daemon.socket(), FashionMnist.load(300));
        telemetry.awaitSample(30, s -> s.path("inferences").asInt() > 0, "inferences are served");
        List<JsonNode> full = telemetry.next(8).subList(3, 8);
        fullW = median(totalWatts(full));
        fullOp = full.get(full.size() - 1).get("op");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stream != null) {
            stream.close();
            assertThat(stream.failures()).isEmpty();
        }
    }

    @Test
    void dynnctlStatusShowsTheNanoAndItsRails() throws Exception {
        Command plain = dynnctl("status");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(plain.stdout()).contains("operating point  k=").contains("board power      ");
        Command json = dynnctl("status", "--json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        JsonNode rails = new ObjectMapper().readTree(json.stdout()).path("telemetry").path("rails_w");
        assertThat(rails.fieldNames()).toIterable().containsExactlyInAnyOrder("POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU");
        Command ops = dynnctl("ops");
        assertThat(ops.stdout()).contains("platform emulated:jetson-nano").contains(" a57 ").contains(" gpu ");
    }

    /**
     * How much power the board model leaves between the cheapest and the unconstrained operating
     * point depends on how fast this shared host runs (the latencies are scaled by it), so no
     * fixed number of watts works everywhere: the test asks the daemon for caps from the
     * unconstrained draw down until one is planned feasible at another operating point. That cap
     * must then hold on the sensors within a few periods.
     */
    @Test
    void thePowerOnTheSensorsFollowsTheOperatingPoint() throws Exception {
        assertThat(fullW).as("POM_5V_IN streaming at %s vs idle", fullOp.path("label").asText()).isGreaterThan(idleW * 1.05);
        try (ProtocolClient control = ProtocolClient.connect(daemon.socket())) {
            double cap = fullW;
            JsonNode reply = null;
            for (; cap > idleW; cap -= (fullW - idleW) / 20) {
                reply = control.result(control.request("budget").put("power_w", cap));
                if (reply.get("feasible").asBoolean() && !reply.get("op").equals(fullOp)) {
                    break;
                }
            }
            assertThat(cap).as("a cap above idle (%.3f W) is planned at another OP than %s: %s", idleW, fullOp, reply)
                    .isGreaterThan(idleW);
            double limit = cap;
            telemetry.skipQueued();
            // A period at the unconstrained point may read under the cap by noise: the cap is kept
            // when another point runs and the sensors read under it.
            telemetry.awaitSample(30, s -> !s.path("op").equals(fullOp) && s.path("power_w").isNumber()
                    && s.path("power_w").asDouble() <= limit && s.path("inferences").asInt() > 0,
                    "another point than " + fullOp.path("label").asText() + " runs and power <= " + limit + " W");
            JsonNode status = new ObjectMapper().readTree(dynnctl("status", "--json").stdout());
            assertThat(status.path("effective").path("power_w").asDouble()).isEqualTo(limit);
        }
    }

    private static Command dynnctl(String... args) throws Exception {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--socket";
        all[args.length + 1] = daemon.socket().toString();
        return Command.run(home, Command.distribution().resolve("bin/dynnctl"), all);
    }

    private static double[] totalWatts(List<JsonNode> samples) {
        return samples.stream().map(s -> s.path("power_w")).filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).toArray();
    }

    private static double median(double[] values) {
        assertThat(values).as("power readings").isNotEmpty();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
