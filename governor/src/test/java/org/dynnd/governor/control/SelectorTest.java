package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.Profile;
import org.junit.jupiter.api.Test;

class SelectorTest {

    private static final double[] ACCURACY = {68.0, 77.5, 81.0, 83.0};
    private final BoardModel board = Boards.odroidXu3(4);
    private final OpSpace space = board.opSpace(new int[] {1, 2, 3, 4});
    private final Profile profile = board.profile(space, new GroupedAlexNetCost(4).profile("m", "1", ACCURACY));
    private final Selector selector = new Selector(profile);
    private final double rate = 4 / 100.0; // four inferences per 100 ms period

    private Selector.Input input(Budget budget, boolean split, Precedence precedence, boolean[] allowed) {
        double[] ones = {1, 1};
        double[] perPoint = new double[space.size()];
        java.util.Arrays.fill(perPoint, 1);
        return new Selector.Input(perPoint, ones, ones, rate, 4, budget, precedence, split, allowed);
    }

    private double power(int op) {
        double util = rate * profile.latencyMs(op);
        return util * profile.busyPowerW(op) + (1 - util) * profile.idlePowerW(op);
    }

    private int[] latencyFeasible(double budgetMs) {
        return java.util.stream.IntStream.range(0, space.size()).filter(i -> profile.latencyMs(i) <= budgetMs).toArray();
    }

    @Test
    void aLatencyNoPointComesNearIsServedAtTheFastestPointNotTheMostAccurate() {
        // 1 ms: every point is late for every inference, so the late shares all tie at 1.
        Budget b = new Budget(1, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        double[] ones = {1, 1};
        double[] perPoint = new double[space.size()];
        Arrays.fill(perPoint, 1);
        double[] allLate = new double[space.size()];
        Arrays.fill(allLate, 1.0);
        Decision d = selector.select(new Selector.Input(perPoint, ones, ones, rate, 4, b, Precedence.DEFAULT, false, null,
                Double.NaN, allLate));
        assertThat(d.feasible()).isFalse();
        double fastest = java.util.stream.IntStream.range(0, space.size()).mapToDouble(profile::latencyMs).min().orElseThrow();
        assertThat(profile.latencyMs(d.primary())).isEqualTo(fastest);
    }

    @Test
    void whereSomePointKeepsMostInferencesInTimeNearlyEqualLateSharesLetTheObjectiveDecide() {
        Budget b = new Budget(1, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        double[] ones = {1, 1};
        double[] perPoint = new double[space.size()];
        Arrays.fill(perPoint, 1);
        double[] share = new double[space.size()];
        for (int i = 0; i < share.length; i++) {
            share[i] = space.k(i) == 4 ? 0.014 : 0.010; // within the tolerance of the least
        }
        Decision d = selector.select(new Selector.Input(perPoint, ones, ones, rate, 4, b, Precedence.DEFAULT, false, null,
                Double.NaN, share));
        assertThat(space.k(d.primary())).isEqualTo(4);
    }

    @Test
    void maxAccuracyTakesTheMostAccurateFeasiblePointAtTheLeastEnergy() {
        Budget b = new Budget(15, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        Decision d = selector.select(input(b, true, Precedence.DEFAULT, null));
        assertThat(d.feasible()).isTrue();
        assertThat(d.isSplit()).isFalse();
        assertThat(profile.latencyMs(d.primary())).isLessThanOrEqualTo(15);
        assertThat(space.k(d.primary())).isEqualTo(4);
        double least = Arrays.stream(latencyFeasible(15)).filter(i -> space.k(i) == 4)
                .mapToDouble(this::power).min().orElseThrow();
        assertThat(power(d.primary())).isEqualTo(least);
    }

    @Test
    void minEnergyTakesTheCheapestPointThatMeetsTheFloor() {
        Budget b = new Budget(40, Double.NaN, Double.NaN, 77, Objective.MIN_ENERGY);
        Decision d = selector.select(input(b, false, Precedence.DEFAULT, null));
        assertThat(profile.accuracyPercent(d.primary())).isGreaterThanOrEqualTo(77);
        // Four requests per 100 ms: above 25 ms a point cannot keep up, whatever the budget says.
        double least = Arrays.stream(latencyFeasible(25)).filter(i -> profile.accuracyPercent(i) >= 77)
                .mapToDouble(this::power).min().orElseThrow();
        assertThat(power(d.primary())).isEqualTo(least);
        assertThat(space.k(d.primary())).isEqualTo(2);
    }

    @Test
    void aSplitMeetsAPowerCapThatNoSinglePointMeetsWell() {
        Budget uncapped = new Budget(20, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        double full = power(selector.select(input(uncapped, false, Precedence.DEFAULT, null)).primary());
        Budget capped = new Budget(20, Double.NaN, full * 0.9, Double.NaN, Objective.MAX_ACCURACY);
        Decision single = selector.select(input(capped, false, Precedence.DEFAULT, null));
        Decision split = selector.select(input(capped, true, Precedence.DEFAULT, null));
        assertThat(split.isSplit()).isTrue();
        assertThat(split.predictedPowerW()).isLessThanOrEqualTo(full * 0.9);
        assertThat(split.predictedAccuracy()).isGreaterThan(single.predictedAccuracy());
        assertThat(space.unitOf(split.primary())).isEqualTo(space.unitOf(split.secondary()));
        assertThat(profile.latencyMs(split.primary())).isLessThanOrEqualTo(20);
        assertThat(profile.latencyMs(split.secondary())).isLessThanOrEqualTo(20);
    }

    @Test
    void anInfeasibleBudgetKeepsThePowerCapAndMissesLatencyByTheLeast() {
        double lowest = java.util.stream.IntStream.range(0, space.size()).mapToDouble(this::power).min().orElseThrow();
        Budget b = new Budget(9, Double.NaN, lowest * 1.02, 82, Objective.MAX_ACCURACY);
        Decision d = selector.select(input(b, true, Precedence.DEFAULT, null));
        assertThat(d.feasible()).isFalse();
        assertThat(power(d.primary())).isLessThanOrEqualTo(lowest * 1.02);
        assertThat(d.unmet()).contains(Constraint.LATENCY).doesNotContain(Constraint.POWER);
        double fastestUnderCap = java.util.stream.IntStream.range(0, space.size())
                .filter(i -> power(i) <= lowest * 1.02).mapToDouble(profile::latencyMs).min().orElseThrow();
        assertThat(profile.latencyMs(d.primary())).isEqualTo(fastestUnderCap);
    }

    @Test
    void theAccuracyFloorGivesWayBeforeLatency() {
        Budget b = new Budget(8, Double.NaN, Double.NaN, 83, Objective.MAX_ACCURACY);
        Decision d = selector.select(input(b, true, Precedence.DEFAULT, null));
        assertThat(d.feasible()).isFalse();
        assertThat(d.unmet()).isEqualTo(Set.of(Constraint.ACCURACY));
        assertThat(profile.latencyMs(d.primary())).isLessThanOrEqualTo(8);
        assertThat(space.k(d.primary())).isEqualTo(3);
    }

    @Test
    void theOrderIsConfigurable() {
        double lowest = java.util.stream.IntStream.range(0, space.size()).mapToDouble(this::power).min().orElseThrow();
        Budget b = new Budget(9, Double.NaN, lowest * 1.02, Double.NaN, Objective.MAX_ACCURACY);
        Precedence latencyFirst = new Precedence(
                List.of(Constraint.LATENCY, Constraint.POWER, Constraint.ENERGY, Constraint.ACCURACY));
        Decision d = selector.select(input(b, true, latencyFirst, null));
        assertThat(d.unmet()).containsExactly(Constraint.POWER);
        assertThat(profile.latencyMs(d.primary())).isLessThanOrEqualTo(9);
    }

    @Test
    void unreachablePointsAreNeverChosen() {
        boolean[] allowed = new boolean[space.size()];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = space.unitOf(i) == 0; // the A15's knobs failed
        }
        Budget b = new Budget(25, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        Decision d = selector.select(input(b, true, Precedence.DEFAULT, allowed));
        assertThat(space.unitOf(d.primary())).isZero();
    }

    @Test
    void hysteresisKeepsAFeasiblePointThatIsNearlyAsGood() {
        Budget b = new Budget(15, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        Decision best = selector.select(input(b, false, Precedence.DEFAULT, null));
        int worse = -1;
        for (int i = 0; i < space.size(); i++) {
            if (space.k(i) == 4 && profile.latencyMs(i) <= 15 && power(i) > power(best.primary())
                    && power(i) < power(best.primary()) * 1.05) {
                worse = i;
            }
        }
        assertThat(worse).isNotNegative();
        Decision kept = selector.select(input(b, false, Precedence.DEFAULT, null), worse, -1, 0.2, 0.10);
        assertThat(kept.primary()).isEqualTo(worse);
        Decision moved = selector.select(input(b, false, Precedence.DEFAULT, null), worse, -1, 0.2, 0.001);
        assertThat(moved.primary()).isEqualTo(best.primary());
    }
}
