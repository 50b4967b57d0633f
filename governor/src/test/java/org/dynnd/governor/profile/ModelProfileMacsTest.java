package org.dynnd.governor.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.junit.jupiter.api.Test;

/** A model that states its multiply-accumulates per k is costed by them, whatever its G or scheme. */
class ModelProfileMacsTest {

    @Test
    void eachKCostsItsMacsRelativeToTheLargestK() {
        ModelProfile p = ModelProfile.ofMacs("nested", "1", new int[] {1, 2, 3, 4},
                new long[] {14_706_688, 42_881_024, 84_523_008, 139_632_640}, new double[] {80, 82, 84, 86});
        assertThat(p.costOf(1)).isCloseTo(14_706_688 / 139_632_640.0, within(1e-12));
        assertThat(p.costOf(4)).isEqualTo(1.0);
    }

    @Test
    void aGroupedModelsCostIsTheArchitecturesOwn() {
        GroupedAlexNetCost cost = new GroupedAlexNetCost(4);
        long[] macs = {cost.macs(1), cost.macs(2), cost.macs(3), cost.macs(4)};
        ModelProfile p = ModelProfile.ofMacs("g", "1", cost.ks(), macs, new double[] {80, 82, 84, 86});
        assertThat(p.relativeCost()).containsExactly(cost.relativeCosts());
    }

    @Test
    void macsThatShrinkOrAreMissingAreRefused() {
        assertThatThrownBy(() -> ModelProfile.ofMacs("m", "1", new int[] {1, 2}, new long[] {20, 10}, new double[] {1, 2}))
                .hasMessageContaining("MACs for k=1 must be within 1..10");
        assertThatThrownBy(() -> ModelProfile.ofMacs("m", "1", new int[] {1, 2}, new long[] {10}, new double[] {1, 2}))
                .hasMessageContaining("one MAC count per k");
    }

    /** Three groups do not divide 64: the paper's cost table cannot say, the model's own MACs can. */
    @Test
    void aThreeGroupModelGetsABoardProfile() {
        ModelProfile p = ModelProfile.ofMacs("g3", "1", new int[] {1, 2, 3}, new long[] {19_000_000, 38_500_000, 58_000_000},
                new double[] {80, 83, 85});
        BoardModel board = Boards.forModel("odroid-xu3", 58_000_000);
        OpSpace space = board.opSpace(p.ks());
        Profile profile = board.profile(space, p);
        assertThat(profile.size()).isEqualTo(space.size());
        BoardModel paper = Boards.odroidXu3(4);
        assertThat(board.fullModelMacs()).isEqualTo(58_000_000);
        assertThat(paper.fullModelMacs()).isEqualTo(new GroupedAlexNetCost(4).macs(4));
    }
}
