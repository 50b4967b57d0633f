package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dynnd.daemon.report.ParetoFront.Objective;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    private static OpPoint point(int index, int k, double accuracy, double latency, double power) {
        return new OpPoint(index, k, "u", 1000_000, true, accuracy, latency, power, power * latency);
    }

    @Test
    void dominanceNeedsNoWorseEverywhereAndBetterSomewhere() {
        assertThat(ParetoFront.dominates(new double[] {1, 2}, new double[] {1, 3})).isTrue();
        assertThat(ParetoFront.dominates(new double[] {1, 2}, new double[] {2, 3})).isTrue();
        assertThat(ParetoFront.dominates(new double[] {1, 2}, new double[] {1, 2})).as("equal points").isFalse();
        assertThat(ParetoFront.dominates(new double[] {1, 3}, new double[] {2, 2})).as("a trade-off").isFalse();
        assertThat(ParetoFront.dominates(new double[] {2, 3}, new double[] {1, 2})).isFalse();
        assertThatThrownBy(() -> ParetoFront.dominates(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frontOfAHandMadeSet() {
        double[][] points = {
            {5, 1}, // 0: on the front (least of the second objective)
            {3, 3}, // 1: on the front
            {4, 4}, // 2: dominated by 1
            {1, 6}, // 3: on the front (least of the first objective)
            {3, 5}, // 4: dominated by 1 (tie in the first, worse in the second)
            {6, 1}, // 5: dominated by 0 (tie in the second)
            {2, 4}, // 6: on the front
        };
        assertThat(ParetoFront.indices(points)).containsExactly(0, 1, 3, 6);
    }

    @Test
    void ofDuplicatesOnlyTheFirstStaysAndADominatedDuplicateGoes() {
        double[][] points = {{2, 2}, {1, 3}, {2, 2}, {1, 3}, {3, 3}, {3, 3}};
        assertThat(ParetoFront.indices(points)).containsExactly(0, 1);
        assertThat(ParetoFront.indices(new double[][] {{4, 4}})).containsExactly(0);
        assertThat(ParetoFront.indices(new double[0][])).isEmpty();
    }

    @Test
    void valuesThatAreNotFiniteAreRefused() {
        assertThatThrownBy(() -> ParetoFront.indices(new double[][] {{1, 2}, {Double.NaN, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1");
    }

    @Test
    void accuracyIsMaximisedAndTheFrontIsSortedByTheCost() {
        List<OpPoint> points = List.of(
                point(0, 1, 80, 2, 1),
                point(1, 2, 85, 4, 1),
                point(2, 2, 85, 5, 1), // slower at the same accuracy: off
                point(3, 3, 84, 6, 1), // slower and less accurate than 1: off
                point(4, 4, 90, 8, 1),
                point(5, 1, 80, 2, 1)); // a duplicate of 0: off
        assertThat(ParetoFront.of(points, Objective.ACCURACY, Objective.LATENCY)).extracting(OpPoint::index)
                .containsExactly(0, 1, 4);
        // With power as well, the slower point 2 stays when it draws less power.
        List<OpPoint> withPower = List.of(point(0, 2, 85, 4, 2), point(1, 2, 85, 5, 1), point(2, 1, 80, 1, 3));
        assertThat(ParetoFront.of(withPower, Objective.ACCURACY, Objective.LATENCY)).extracting(OpPoint::index)
                .containsExactly(2, 0);
        assertThat(ParetoFront.of(withPower, Objective.ACCURACY, Objective.LATENCY, Objective.POWER))
                .extracting(OpPoint::index).containsExactly(2, 0, 1);
        assertThatThrownBy(() -> ParetoFront.of(points)).isInstanceOf(IllegalArgumentException.class);
    }
}
