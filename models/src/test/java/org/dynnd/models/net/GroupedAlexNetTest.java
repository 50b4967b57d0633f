package org.dynnd.models.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class GroupedAlexNetTest {

    @Test
    void runsEveryWidthAndRejectsOthers() {
        try (Model model = Networks.create("t", new AlexNetSpec(4, 10)); NDManager m = model.getNDManager().newSubManager()) {
            GroupNet net = Networks.net(model);
            NDArray images = m.randomUniform(0, 1, new Shape(2, 3, 32, 32));
            ParameterStore store = new ParameterStore(m, false);
            for (int k = 1; k <= 4; k++) {
                NDArray logits = net.forward(store, new NDList(images, m.create(k)), false).singletonOrThrow();
                assertThat(logits.getShape()).isEqualTo(new Shape(2, 10));
            }
            assertThatThrownBy(() -> net.forward(store, new NDList(images, m.create(5)), false))
                    .hasMessageContaining("k must be in 1..4, got 5");
            assertThatThrownBy(() -> net.forward(store, new NDList(images, m.create(0)), false))
                    .hasMessageContaining("k must be in 1..4, got 0");
        }
    }

    @Test
    void everyWidthSharesOneSetOfWeightsWithLittleExtraMemory() {
        try (Model model = Networks.create("t", new AlexNetSpec(4, 10))) {
            GroupNet net = Networks.net(model);
            long stored = net.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size() * 4).sum();
            // The full model is k = G; the only extra storage is the biases b_1..b_{G-1}.
            assertThat(stored - net.parameterBytes(4)).isEqualTo(3 * 10 * 4);
            assertThat((double) stored / net.parameterBytes(4)).isLessThan(1.05);
            assertThat(net.parameterBytes(1)).isLessThan(net.parameterBytes(2));
            // one more group adds its path and W_g; the bias of k = 4 replaces that of k = 3
            assertThat(net.parameterBytes(4) - net.parameterBytes(3)).isEqualTo(net.parameterBytes(1) - 10 * 4);
        }
    }

    @Test
    void denseCountFormulaMatchesTheBuiltDenseNetwork() {
        try (Model model = Networks.create("d", new AlexNetSpec(1, 10))) {
            long built = Networks.net(model).getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(AlexNetSpec.denseParameterCount(1, 1, 10)).isEqualTo(built);
        }
    }

    @Test
    void groupedConvolutionCutsTheConvolutionWeightsByG() {
        try (Model dense = Networks.create("d", new AlexNetSpec(1, 10)); Model grouped = Networks.create("g", new AlexNetSpec(4, 10))) {
            long denseConv = convWeights(Networks.net(dense));
            long groupedConv = convWeights(Networks.net(grouped));
            // Layer 1 reads the whole image in every group, so it does not shrink; layers 2..5 do by G.
            long layer1 = 64 * 3 * 25;
            assertThat((groupedConv - layer1) * 4).isEqualTo(denseConv - layer1);
        }
    }

    private static long convWeights(GroupNet net) {
        return net.getParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.WEIGHT && p.getArray().getShape().dimension() == 4)
                .mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void splitsWidthsNearlyEvenlyWhenGDoesNotDivideThem() {
        try (Model model = Networks.create("t", new AlexNetSpec(3, 10)); NDManager m = model.getNDManager().newSubManager()) {
            GroupNet net = Networks.net(model);
            long[] firstLayer = new long[3];
            for (int g = 1; g <= 3; g++) {
                firstLayer[g - 1] = net.path(g).getParameters().values().get(0).getArray().getShape().get(0);
            }
            assertThat(firstLayer).containsExactly(22, 21, 21);
            NDArray logits = net.forward(new ParameterStore(m, false),
                    new NDList(m.zeros(new Shape(1, 3, 32, 32)), m.create(3)), false).singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(1, 10));
        }
    }

    @Test
    void rejectsGroupCountsOutside1To8() {
        assertThatThrownBy(() -> new AlexNetSpec(0, 10)).hasMessageContaining("groups must be 1 (dense) or 2..8, got 0");
        assertThatThrownBy(() -> new AlexNetSpec(9, 10)).hasMessageContaining("got 9");
    }
}
