package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.Scenarios;
import org.junit.jupiter.api.Test;

/** The per-point latency spread, and what the controller does once a budget is released. */
class ControllerSpreadTest {

    private final ModelProfile model = new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY);
    private final OpSpace space = Boards.odroidXu3(4).opSpace(model.ks());
    private final Profile profile = Boards.odroidXu3(4).profile(space, model);

    private int op(int k, int unit, long mhz) {
        return space.indexOf(new OperatingPoint(k, unit, mhz * 1000));
    }

    private static double[] draws(SplittableRandom rng, double typicalMs, double logSigma, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = typicalMs * Math.exp(logSigma * rng.nextGaussian());
        }
        return out;
    }

    /**
     * Long at a slow point with little jitter, then a few periods at a fast point with much more
     * (host time added to every inference is a large share of a short one): the fast point's bound
     * must cover its own tail at the configured confidence, and the slow point's stays tight.
     */
    @Test
    void eachPointIsBoundedByItsOwnSpread() {
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        Budget none = Budget.unconstrained(Objective.MAX_ACCURACY);
        int slow = op(4, 1, 1000);
        int fast = op(2, 1, 1600);
        SplittableRandom rng = new SplittableRandom(7);
        for (int p = 0; p < 60; p++) {
            double[] lat = draws(rng, profile.latencyMs(slow), 0.02, 20);
            controller.decide(new Observation(300, List.of(new Observation.Segment(slow, lat)), Double.NaN, none));
        }
        for (int p = 0; p < 3; p++) {
            double[] lat = draws(rng, profile.latencyMs(fast), 0.25, 40);
            controller.decide(new Observation(300, List.of(new Observation.Segment(fast, lat)), Double.NaN, none));
        }
        double bound = controller.latencyBoundMs(fast);
        double[] fresh = draws(new SplittableRandom(11), profile.latencyMs(fast), 0.25, 4000);
        long over = java.util.Arrays.stream(fresh).filter(t -> t > bound).count();
        assertThat(over / 4000.0).as("share over the 99%% bound of %.2f ms", bound).isLessThan(0.025);
        assertThat(controller.latencySpread(fast)).isGreaterThan(0.04);
        assertThat(controller.latencySpread(slow)).isLessThan(0.005);
    }

    /**
     * Most inferences take their time and one in twenty is preempted for 30-50% more: a variance
     * fitted to that puts the 99% bound among the preempted ones; the empirical tail does not.
     */
    @Test
    void aPreemptedFewDoNotHideInAFittedVariance() {
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        Budget none = Budget.unconstrained(Objective.MAX_ACCURACY);
        int point = op(2, 0, 1400);
        SplittableRandom rng = new SplittableRandom(5);
        for (int p = 0; p < 12; p++) {
            controller.decide(new Observation(300, List.of(new Observation.Segment(point, preempted(rng, 40))), Double.NaN, none));
        }
        double bound = controller.latencyBoundMs(point);
        double[] fresh = preempted(new SplittableRandom(9), 20000);
        long over = java.util.Arrays.stream(fresh).filter(t -> t > bound).count();
        assertThat(over / 20000.0).as("share over the 99%% bound of %.2f ms", bound).isLessThan(0.02);
    }

    private double[] preempted(SplittableRandom rng, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double typical = profile.latencyMs(op(2, 0, 1400)) * Math.exp(0.01 * rng.nextGaussian());
            out[i] = rng.nextDouble() < 0.05 ? typical * (1.3 + 0.2 * rng.nextDouble()) : typical;
        }
        return out;
    }

    /**
     * Within one (k, unit) the frequency changes the latency several times over; jitter learnt at
     * a slow frequency as added milliseconds is a larger share at a fast one.
     */
    @Test
    void aFasterFrequencyOfTheSameGroupsAndUnitIsNotTakenForCalmer() {
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        Budget none = Budget.unconstrained(Objective.MAX_ACCURACY);
        int slow = op(2, 1, 800);
        int fast = op(2, 1, 2000);
        SplittableRandom rng = new SplittableRandom(3);
        for (int p = 0; p < 20; p++) {
            double[] lat = new double[30];
            for (int i = 0; i < lat.length; i++) {
                lat[i] = profile.latencyMs(slow) + 2.0 * Math.abs(rng.nextGaussian()) - 1.6; // host time added, mean 0
            }
            controller.decide(new Observation(300, List.of(new Observation.Segment(slow, lat)), Double.NaN, none));
        }
        double ratio = profile.latencyMs(slow) / profile.latencyMs(fast);
        assertThat(controller.latencySpread(fast) / controller.latencySpread(slow)).isGreaterThan(0.8 * ratio * ratio);
    }

    /**
     * After a budget that forced the big cluster is released, every inference runs at the most
     * accurate k: no probe of the LITTLE cluster (still believed slowed) at fewer groups.
     */
    @Test
    void aReleasedBudgetRunsEveryInferenceAtFullAccuracy() {
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        Budget none = Budget.unconstrained(Objective.MAX_ACCURACY);
        Budget tight = new Budget(12, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        // The A7 ran twice as slowly as profiled (a co-runner then): its estimate stays slowed.
        for (int p = 0; p < 15; p++) {
            int a7 = op(2, 0, 1400);
            double[] lat = {2 * profile.latencyMs(a7), 2 * profile.latencyMs(a7), 2 * profile.latencyMs(a7)};
            controller.decide(new Observation(100, List.of(new Observation.Segment(a7, lat)), Double.NaN, tight));
        }
        Decision d = controller.decide(new Observation(100, List.of(), Double.NaN, tight));
        for (int p = 0; p < 10; p++) {
            d = controller.decide(observe(d, 3, tight));
        }
        for (int p = 0; p < 15; p++) {
            d = controller.decide(observe(d, 3, none));
            assertThat(space.k(d.primary())).as("period %d after the release", p).isEqualTo(space.maxK());
            assertThat(d.secondary() < 0 || space.k(d.secondary()) == space.maxK()).as("period %d: %s", p, d).isTrue();
        }
    }

    /** Three inferences per 100 ms at the profiled latency, on the decision's points. */
    private Observation observe(Decision d, int n, Budget next) {
        int onPrimary = d.isSplit() ? (int) Math.floor(d.primaryShare() * n + 1e-9) : n;
        List<Observation.Segment> segments = new ArrayList<>();
        double[] a = new double[onPrimary];
        java.util.Arrays.fill(a, profile.latencyMs(d.primary()));
        if (a.length > 0) {
            segments.add(new Observation.Segment(d.primary(), a));
        }
        if (n - onPrimary > 0) {
            double[] b = new double[n - onPrimary];
            java.util.Arrays.fill(b, profile.latencyMs(d.secondary()));
            segments.add(new Observation.Segment(d.secondary(), b));
        }
        return new Observation(100, segments, Double.NaN, next);
    }
}
