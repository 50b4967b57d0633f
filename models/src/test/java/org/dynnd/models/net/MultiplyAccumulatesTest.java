package org.dynnd.models.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import org.junit.jupiter.api.Test;

/** A network's cost per k comes from its own parameters, for every G and scheme. */
class MultiplyAccumulatesTest {

    /** By hand for G = 4: per group 16*3*25*32^2 + 48*16*25*16^2 + 96*48*9*8^2 + 64*96*9*8^2 + 64*64*9*8^2 + 10*64*4^2. */
    private static final long GROUPED_G4_PER_GROUP = 1_228_800 + 4_915_200 + 2_654_208 + 3_538_944 + 2_359_296 + 10_240;

    @Test
    void aGroupedNetworkCostsTheSameForEveryGroupAndAddsThemUp() {
        try (Model model = Networks.create("g4", Scheme.GROUPED, new AlexNetSpec(4, 10))) {
            GroupNet net = Networks.net(model);
            for (int k = 1; k <= 4; k++) {
                assertThat(net.macs(k)).as("k=%d", k).isEqualTo(k * GROUPED_G4_PER_GROUP);
            }
        }
    }

    @Test
    void aNestedNetworksLaterPathsReadEveryEarlierGroupAndCostMore() {
        try (Model grouped = Networks.create("g", Scheme.GROUPED, new AlexNetSpec(4, 10));
                Model nested = Networks.create("n", Scheme.NESTED, new AlexNetSpec(4, 10))) {
            GroupNet g = Networks.net(grouped);
            GroupNet n = Networks.net(nested);
            assertThat(n.macs(1)).isEqualTo(g.macs(1));
            for (int k = 2; k <= 4; k++) {
                assertThat(n.macs(k)).as("k=%d", k).isGreaterThan(g.macs(k));
                assertThat(n.macs(k) - n.macs(k - 1)).as("path %d", k).isGreaterThan(n.macs(k - 1) - (k > 2 ? n.macs(k - 2) : 0));
            }
        }
    }

    @Test
    void aGroupCountThatDoesNotDivideTheWidthsStillHasACostPerK() {
        try (Model model = Networks.create("g3", Scheme.GROUPED, new AlexNetSpec(3, 10))) {
            GroupNet net = Networks.net(model);
            assertThat(net.macs(1)).isPositive();
            assertThat(net.macs(2)).isGreaterThan(net.macs(1));
            assertThat(net.macs(3)).isGreaterThan(net.macs(2));
        }
    }
}
