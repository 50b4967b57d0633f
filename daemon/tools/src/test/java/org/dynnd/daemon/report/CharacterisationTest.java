package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.junit.jupiter.api.Test;

class CharacterisationTest {

    private static final double[] ACCURACY = {80, 84, 86, 87};

    private final BoardModel board = Boards.odroidXu3(4);
    private final ModelProfile profile = new GroupedAlexNetCost(4).profile("grouped-alexnet-32x32", "test", ACCURACY);
    private final OpSpace space = board.opSpace(profile.ks());

    @Test
    void aSteadyHostGivesTheBoardModelExactly() {
        double[] reference = {10, 20, 30, 40};
        double[][] host = new double[4][];
        for (int k = 0; k < 4; k++) {
            host[k] = new double[9];
            Arrays.fill(host[k], reference[k]);
        }
        List<OpPoint> points = Characterisation.points(board, profile, space, reference, host);
        assertThat(points).hasSize(space.size());
        for (OpPoint p : points) {
            var op = space.point(p.index());
            assertThat(p.k()).isEqualTo(op.k());
            assertThat(p.latencyMs()).isCloseTo(board.latencyMs(op, profile.costOf(op.k())), within(1e-9));
            assertThat(p.powerW()).isEqualTo(board.busyPowerW(op));
            assertThat(p.energyMj()).isEqualTo(p.powerW() * p.latencyMs());
            assertThat(p.accuracyPercent()).isEqualTo(ACCURACY[op.k() - 1]);
            assertThat(p.maxFrequency()).isEqualTo(op.frequencyKHz() == space.unit(op.unit()).maxFrequencyKHz());
        }
    }

    @Test
    void theHostsDeviationFromItsTypicalTimeIsAddedAsTime() {
        int op = 0; // k=1 on the first unit at its lowest frequency
        double model = board.latencyMs(space.point(op), profile.costOf(1));
        double[] reference = {10, 20, 30, 40};
        // Typical host time 10 ms; the median sample is 12 ms once the window is full of these samples.
        double[] samples = {12, 12, 12, 8, 30};
        double ms = Characterisation.boardLatencyMs(board, space, profile, reference, samples, op);
        assertThat(ms).isCloseTo(model, within(1e-9));
        double[] slower = {15, 15, 15, 15, 15};
        assertThat(Characterisation.boardLatencyMs(board, space, profile, reference, slower, op))
                .as("a lasting shift of the host is not the board's").isCloseTo(model, within(1e-9));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Characterisation.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Characterisation.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }
}
