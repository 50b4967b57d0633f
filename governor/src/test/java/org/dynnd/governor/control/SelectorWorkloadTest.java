package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.Profile;
import org.junit.jupiter.api.Test;

/** How the selection treats a client that waits on the service, and hysteresis where nothing binds. */
class SelectorWorkloadTest {

    private static final double[] ACCURACY = {68.0, 77.5, 81.0, 83.0};
    private final BoardModel board = Boards.odroidXu3(4);
    private final OpSpace space = board.opSpace(new int[] {1, 2, 3, 4});
    private final Profile profile = board.profile(space, new GroupedAlexNetCost(4).profile("m", "1", ACCURACY));
    private final Selector selector = new Selector(profile);

    private Selector.Input input(Budget budget, double rate, double perPeriod, boolean saturated) {
        double[] ones = {1, 1};
        double[] perPoint = new double[space.size()];
        Arrays.fill(perPoint, 1);
        return new Selector.Input(perPoint, ones, ones, rate, perPeriod, budget, Precedence.DEFAULT, true, null,
                saturated ? 1.0 : Double.NaN);
    }

    private int op(int k, int unit, long mhz) {
        return space.indexOf(new OperatingPoint(k, unit, mhz * 1000));
    }

    /**
     * A client with one request in flight on k=4 of the A15 at 1 GHz: under a cap only the A7 at
     * 600 MHz (or the A15 at its floor) meets, no k=4 point keeps that rate. Taking the rate as a
     * demand trades groups for throughput; for a client that waits on the service the rate is just
     * what the point served, and the cap is met at full accuracy on the A7.
     */
    @Test
    void aClientThatWaitsOnTheServiceGetsFullAccuracyUnderAPowerCap() {
        int current = op(4, 1, 1000);
        double rate = 1 / profile.latencyMs(current);
        double cap = profile.busyPowerW(op(4, 0, 600)) * 1.01;
        Budget capped = new Budget(Double.NaN, Double.NaN, cap, Double.NaN, Objective.MAX_ACCURACY);

        Decision saturated = selector.select(input(capped, rate, 0, true));
        assertThat(saturated.feasible()).isTrue();
        assertThat(space.k(saturated.primary())).isEqualTo(4);
        assertThat(saturated.isSplit()).isFalse();
        assertThat(space.unitOf(saturated.primary())).isZero();
        assertThat(saturated.predictedPowerW()).isLessThanOrEqualTo(cap);

        Decision demand = selector.select(input(capped, rate, 0, false));
        assertThat(demand.predictedAccuracy()).isLessThan(ACCURACY[3]);
    }

    /** Without a budget the throughput the client gets is kept: it is given up only for the objective. */
    @Test
    void aClientThatWaitsOnTheServiceKeepsItsThroughputWhereAccuracyDoesNotSuffer() {
        int current = op(4, 1, 1000);
        double rate = 0.95 / profile.latencyMs(current);
        Decision d = selector.select(input(Budget.unconstrained(Objective.MAX_ACCURACY), rate, 0, true));
        assertThat(space.k(d.primary())).isEqualTo(4);
        assertThat(rate * profile.latencyMs(d.primary())).isLessThanOrEqualTo(1);
    }

    /**
     * A waiting client keeps any point busy: each inference costs the point's busy power for its
     * own latency, at a faster point as at a slower one (no idle time is shared out).
     */
    @Test
    void energyForAWaitingClientIsBusyPowerTimesEachPointsOwnLatency() {
        int current = op(4, 1, 900);
        double rate = 1 / profile.latencyMs(current);
        Budget budget = new Budget(Double.NaN, 25, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        Selector.Input in = input(budget, rate, 0, true);
        Decision d = selector.select(in);
        PointEvaluation points = new PointEvaluation(profile);
        points.evaluate(in);
        for (int i = 0; i < space.size(); i++) {
            assertThat(points.power[i]).isEqualTo(profile.busyPowerW(i));
        }
        assertThat(d.predictedEnergyMj()).isLessThanOrEqualTo(25);
        double cheapestK4 = java.util.stream.IntStream.range(0, space.size()).filter(i -> space.k(i) == 4)
                .mapToDouble(i -> profile.busyPowerW(i) * profile.latencyMs(i)).min().orElseThrow();
        assertThat(cheapestK4).isGreaterThan(25); // so the budget is met by mixing in fewer groups
        assertThat(d.predictedAccuracy()).isLessThan(ACCURACY[3]);
    }

    /**
     * A split kept by hysteresis below the best point's accuracy costs accuracy for nothing when the
     * best point is the most accurate of all: no band applies then (a released or loose budget).
     */
    @Test
    void noAccuracyBandKeepsASplitWhenTheBestPointHasFullAccuracy() {
        double rate = 4 / 100.0;
        int high = op(4, 1, 1200);
        int lower = op(3, 1, 1200);
        int fits = op(4, 1, 1000);
        double util = rate * profile.latencyMs(fits);
        double cap = util * profile.busyPowerW(fits) + (1 - util) * profile.idlePowerW(fits);
        Budget capped = new Budget(Double.NaN, Double.NaN, cap * 1.001, Double.NaN, Objective.MAX_ACCURACY);
        Decision fresh = selector.select(input(capped, rate, 4, false));
        assertThat(fresh.isSplit()).isFalse();
        assertThat(space.k(fresh.primary())).isEqualTo(4);

        Decision afterSplit = selector.select(input(capped, rate, 4, false), high, lower, 1.0, 0.5);
        assertThat(afterSplit.isSplit()).isFalse();
        assertThat(afterSplit.predictedAccuracy()).isEqualTo(ACCURACY[3]);

        // Where the budget does trade accuracy away (no k=4 point fits the cap), the band still damps switching.
        double k4Least = Double.POSITIVE_INFINITY;
        int k2Least = -1;
        double k2Power = Double.POSITIVE_INFINITY;
        for (int i = 0; i < space.size(); i++) {
            double u = rate * profile.latencyMs(i);
            double p = u * profile.busyPowerW(i) + (1 - u) * profile.idlePowerW(i);
            if (u <= 1 && space.k(i) == 4) {
                k4Least = Math.min(k4Least, p);
            }
            if (u <= 1 && space.k(i) == 2 && p < k2Power) {
                k2Least = i;
                k2Power = p;
            }
        }
        Budget tight = new Budget(Double.NaN, Double.NaN, k4Least * 0.99, Double.NaN, Objective.MAX_ACCURACY);
        Decision best = selector.select(input(tight, rate, 4, false));
        assertThat(best.predictedAccuracy()).isGreaterThan(ACCURACY[2]).isLessThan(ACCURACY[3]);
        Decision kept = selector.select(input(tight, rate, 4, false), k2Least, -1, 10.0, 0.003);
        assertThat(kept.primary()).isEqualTo(k2Least);
    }
}
