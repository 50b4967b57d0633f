package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets while an application streams inferences: the daemon's choices show in its telemetry,
 * the only place a user sees them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BudgetsIT {

    static final long PERIOD_MS = 300;
    static final double CAP_W = 0.65;

    @TempDir
    static Path home;
    static DaemonProcess daemon;
    static InferenceStream stream;
    static Telemetry telemetry;
    static ProtocolClient control;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.start(home);
        stream = InferenceStream.start(daemon.socket(), FashionMnist.load(500));
        telemetry = Telemetry.subscribe(daemon.socket(), PERIOD_MS);
        control = ProtocolClient.connect(daemon.socket());
        // A few periods of inferences before the first budget: the governor learns how long
        // inferences take on this (emulated, shared) board.
        telemetry.awaitSample(30, s -> s.path("inferences").asInt() > 0, "inferences were counted");
        telemetry.next(5);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stream != null) {
            stream.close();
            assertThat(stream.failures()).isEmpty();
            assertThat(stream.answered()).isPositive();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @AfterEach
    void releaseBudget() throws Exception {
        control.result("release");
    }

    /**
     * The emulated board's latencies are the board model's scaled by how fast this host ran the
     * same inference compared with its own reference measured at start; on a shared machine that
     * ratio is not known in advance, so no fixed number of milliseconds forces fewer groups
     * everywhere. The test asks the daemon instead: budgets from 20 ms down in steps of 0.7 until
     * the reply plans fewer than 4 groups and calls the budget feasible (it typically lands at
     * 5–14 ms). That budget must then be met: within a few periods the telemetry shows fewer
     * groups and a p95 latency under the budget.
     */
    @Test
    @Order(1)
    void aLatencyBudgetThatNeedsFewerGroupsIsMetWithinAFewPeriods() throws Exception {
        double budget = 20;
        JsonNode planned = null;
        for (; budget > 0.05; budget *= 0.7) {
            planned = control.result(control.request("budget").put("latency_ms", budget));
            if (planned.get("feasible").asBoolean() && planned.get("op").get("groups").asInt() < 4) {
                break;
            }
        }
        assertThat(planned.get("op").get("groups").asInt()).as("planned at %.2f ms", budget).isLessThan(4);
        assertThat(planned.get("met").asBoolean()).isTrue();

        double limit = budget;
        telemetry.skipQueued();
        List<JsonNode> seen = telemetry.awaitSample(10, s -> s.get("op").get("groups").asInt() < 4
                && s.get("latency_p95_ms").isNumber() && s.get("latency_p95_ms").asDouble() <= limit,
                "fewer than 4 groups and p95 <= " + limit + " ms");
        assertThat(seen.size()).isLessThanOrEqualTo(10);
        assertThat(status().get("effective").get("latency_ms").asDouble()).isEqualTo(limit);
    }

    /**
     * The cap comes from the board model the emulated sensors follow (Boards.odroidXu3: C·V²·f per
     * cluster, static 0.04 W a7 and 0.20 W a15, 0.25 W memory and GPU): while inferences stream,
     * the a15 cluster's cheapest point (200 MHz, 0.9 V) puts the board at about 0.69 W, the a7
     * cluster at 400 MHz at about 0.64 W and at 300 MHz about 0.58 W. A 0.65 W cap can therefore
     * only be kept on the LITTLE cluster. (0.8 W is not enough: the a15 cluster at 200–300 MHz
     * fits under it, and the daemon rightly chose it in trials.)
     */
    @Test
    @Order(2)
    void aPowerCapMovesTheWorkToTheLittleCluster() throws Exception {
        JsonNode planned = control.result(control.request("budget").put("power_w", CAP_W));
        // Not asserted: 'feasible'. The governor keeps a margin for its uncertainty (confidence 0.95)
        // and may call a cap infeasible that its point is predicted to keep; the sensors decide.
        assertThat(planned.get("op").get("unit").asText()).as(abbreviated(planned)).isEqualTo("a7");

        telemetry.skipQueued();
        telemetry.awaitSample(10, s -> s.get("op").get("unit").asText().equals("a7"), "the work runs on a7");
        // The sensors refresh every 263 ms: allow two periods for readings of a7-only work.
        List<JsonNode> settled = telemetry.awaitSample(15, s -> s.get("op").get("unit").asText().equals("a7")
                && s.get("power_w").isNumber() && s.get("power_w").asDouble() <= CAP_W, "a7 under " + CAP_W + " W");
        JsonNode last = settled.get(settled.size() - 1);
        assertThat(last.get("rails_w").get("a7").asDouble()).isPositive();
        assertThat(last.get("inferences").asInt()).isPositive();
    }

    @Test
    @Order(3)
    void releasingTheBudgetRestoresFullAccuracy() throws Exception {
        // The accuracy of k=4, as the daemon predicts it: a budget that constrains nothing real (an
        // hour per inference) is served at the highest accuracy.
        JsonNode loose = control.result(control.request("budget").put("latency_ms", 3_600_000));
        assertThat(loose.get("op").get("groups").asInt()).as(abbreviated(loose)).isEqualTo(4);
        double fullAccuracy = loose.get("predicted").get("accuracy").asDouble();

        JsonNode capped = control.result(control.request("budget").put("power_w", CAP_W));
        assertThat(capped.get("predicted").get("accuracy").asDouble()).isLessThanOrEqualTo(fullAccuracy);
        telemetry.skipQueued();
        telemetry.awaitSample(10, s -> s.get("op").get("unit").asText().equals("a7"), "the cap is in force");

        JsonNode released = control.result("release");
        assertThat(released.get("released").asBoolean()).isTrue();
        telemetry.skipQueued();
        // The sample's accuracy is that of the period's inferences: full once all of them ran at k=4.
        telemetry.awaitSample(10, s -> s.get("op").get("groups").asInt() == 4 && s.get("inferences").asInt() > 0
                && Math.abs(s.get("accuracy").asDouble() - fullAccuracy) < 1e-9, "every inference runs at k=4 again");
    }

    private static String abbreviated(JsonNode result) {
        return "op " + result.path("op").path("label") + ", feasible " + result.path("feasible") + ", predicted "
                + result.path("predicted") + ", effective " + result.path("effective");
    }

    private static JsonNode status() throws Exception {
        return control.result("status");
    }
}
