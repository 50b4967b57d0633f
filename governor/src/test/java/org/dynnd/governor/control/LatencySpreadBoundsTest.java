package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.Scenarios;
import org.junit.jupiter.api.Test;

/** {@link LatencySpread#boundFactors}, which shares one factor between points of a (k, unit) where it can. */
class LatencySpreadBoundsTest {

    private final ModelProfile model = new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY);
    private final BoardModel board = Boards.odroidXu3(4);
    private final OpSpace space = board.opSpace(model.ks());
    private final Profile profile = board.profile(space, model);

    /**
     * With samples at slow, middle and fast frequencies of several (k, unit)s (so that some points
     * read the spread as added time and some as a ratio, some have a heavy empirical tail and some
     * no samples), every point's factor is exactly the one of its own tail.
     */
    @Test
    void everyPointsFactorIsTheOneOfItsOwnTail() {
        LatencySpread spread = new LatencySpread(space, 0.99);
        SplittableRandom rng = new SplittableRandom(5);
        int[] sampled = {0, space.size() / 3, space.size() / 2, space.size() - 1, space.size() - 7};
        for (int p = 0; p < 400; p++) {
            for (int j = 0; j < sampled.length; j++) {
                int op = sampled[j];
                double[] lat = new double[4];
                for (int i = 0; i < lat.length; i++) {
                    // Added time at some points, preemptions at others.
                    lat[i] = profile.latencyMs(op) * Math.exp(0.05 * rng.nextGaussian()) + (j % 2 == 0 ? 2 * rng.nextDouble() : 0);
                    if (j == 1 && rng.nextDouble() < 0.05) {
                        lat[i] *= 1.4;
                    }
                }
                spread.add(op, lat);
            }
            spread.endPeriod();
        }
        double z = NormalQuantile.of(0.99);
        int units = space.units().size();
        double[] slowdown = new double[units];
        double[] state = new double[units];
        for (int u = 0; u < units; u++) {
            slowdown[u] = 1 + 0.3 * u;
            state[u] = z * z * 1e-3 * (u + 1);
        }
        double[] factors = new double[space.size()];
        spread.boundFactors(profile, slowdown, state, z, factors);
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < space.size(); i++) {
            int u = space.unitOf(i);
            double tail = spread.tail(i, profile.latencyMs(i) * slowdown[u], z);
            assertThat(factors[i]).as("point %d", i).isEqualTo(slowdown[u] * Math.exp(Math.sqrt(state[u] + tail * tail)));
            distinct.add(factors[i]);
        }
        // The samples make the factors differ between points: the test is not of a constant.
        assertThat(distinct.size()).isGreaterThan(space.size() / 8);
    }
}
