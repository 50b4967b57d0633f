package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.Scenarios;
import org.junit.jupiter.api.Test;

/** Telling a client that waits on the service from one that sends at its own rate, and what follows. */
class WorkloadTest {

    private static final double PERIOD_MS = 300;
    private static final Budget NONE = Budget.unconstrained(Objective.MAX_ACCURACY);

    private static Observation period(int op, double latencyMs, int n) {
        double[] lat = new double[n];
        Arrays.fill(lat, latencyMs);
        return new Observation(PERIOD_MS, List.of(new Observation.Segment(0, lat)), Double.NaN, NONE);
    }

    @Test
    void aRateThatFollowsTheLatencyIsAClosedLoop() {
        Workload w = new Workload(0.05);
        double[] latencies = {10, 20, 10, 30, 15};
        for (double t : latencies) {
            w.observe(period(0, t, (int) (0.9 * PERIOD_MS / t)));
        }
        assertThat(w.closedLoop()).isTrue();
        assertThat(w.closedLoopShare()).isBetween(0.8, 0.95);
    }

    @Test
    void aRateThatStaysWhateverTheLatencyIsAnOpenLoop() {
        Workload w = new Workload(0.05);
        for (double t : new double[] {10, 20, 10, 30, 15}) {
            w.observe(period(0, t, 9));
            assertThat(w.closedLoop()).isFalse();
        }
        assertThat(w.closedLoop()).isFalse();
        assertThat(w.closedLoopShare()).isNaN();
        assertThat(w.requestsPerMs()).isEqualTo(9 / PERIOD_MS);
    }

    @Test
    void withoutAChangeOfLatencyOnlyAClientThatKeepsTheUnitBusyIsTakenToWait() {
        Workload light = new Workload(0.05);
        Workload busy = new Workload(0.05);
        for (int p = 0; p < 10; p++) {
            light.observe(period(0, 10, 20));
            busy.observe(period(0, 10, 27));
        }
        assertThat(light.closedLoop()).isFalse();
        assertThat(busy.closedLoop()).isTrue();
        // One longer latency answered by a steady rate settles it: an open loop, however busy.
        busy.observe(period(0, 13, 27));
        assertThat(busy.closedLoop()).isFalse();
    }

    /** A faster point whose rate did not rise (held by the client or the host) says nothing of slower ones. */
    @Test
    void onlyALongerLatencyTellsWhatASlowerPointDoes() {
        Workload w = new Workload(0.05);
        w.observe(period(0, 20, 13));
        w.observe(period(0, 30, 9)); // slower: the rate fell with it
        assertThat(w.closedLoop()).isTrue();
        w.observe(period(0, 10, 10)); // faster, but the rate barely rose: held elsewhere
        for (int p = 0; p < 5; p++) {
            w.observe(period(0, 10, 10));
        }
        assertThat(w.closedLoop()).isTrue();
    }

    /**
     * The end-to-end case: a client with one request in flight streams unconstrained on the A15,
     * then a 0.8 W cap comes. The controller must learn that the client waits on it and meet the
     * cap at k=4 on the A7 (whose inferences take longer), not at k=1 on the A15 at its floor.
     */
    @Test
    void aClientThatWaitsOnTheServiceIsServedAtFullAccuracyUnderAPowerCap() {
        ModelProfile model = new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY);
        OpSpace space = Boards.odroidXu3(4).opSpace(model.ks());
        Profile profile = Boards.odroidXu3(4).profile(space, model);
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        Budget cap = new Budget(Double.NaN, Double.NaN, 0.8, Double.NaN, Objective.MAX_ACCURACY);
        Decision d = controller.decide(new Observation(PERIOD_MS, List.of(), Double.NaN, NONE));
        for (int p = 0; p < 40; p++) {
            d = controller.decide(closedLoop(d, profile, p < 10 ? NONE : cap));
        }
        assertThat(controller.closedLoop()).isTrue();
        assertThat(d.isSplit()).as("%s", d).isFalse();
        assertThat(space.k(d.primary())).isEqualTo(4);
        assertThat(space.unit(space.unitOf(d.primary())).name()).isEqualTo("a7");
        assertThat(d.predictedPowerW()).isLessThanOrEqualTo(0.8);
    }

    /** One period of a client with one request in flight and a 1 ms round trip, at the board model's power. */
    private static Observation closedLoop(Decision d, Profile profile, Budget next) {
        List<Observation.Segment> segments = new ArrayList<>();
        double left = PERIOD_MS;
        double energy = 0;
        int[] ops = d.isSplit() ? new int[] {d.primary(), d.secondary()} : new int[] {d.primary()};
        double[] shares = d.isSplit() ? new double[] {d.primaryShare(), 1 - d.primaryShare()} : new double[] {1};
        for (int j = 0; j < ops.length; j++) {
            double t = profile.latencyMs(ops[j]);
            int n = (int) Math.floor(shares[j] * PERIOD_MS / (t + 1));
            if (n > 0) {
                double[] lat = new double[n];
                Arrays.fill(lat, t);
                segments.add(new Observation.Segment(ops[j], lat));
                energy += n * t * profile.busyPowerW(ops[j]);
                left -= n * t;
            }
        }
        energy += left * profile.idlePowerW(d.primary());
        return new Observation(PERIOD_MS, segments, energy / PERIOD_MS, next);
    }
}
