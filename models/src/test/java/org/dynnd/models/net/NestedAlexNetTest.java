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

class NestedAlexNetTest {

    private static final int CLASSES = 10;

    @Test
    void runsEveryWidthAndRejectsOthers() {
        try (Model model = Networks.create("n", Scheme.NESTED, new AlexNetSpec(4, CLASSES));
                NDManager m = model.getNDManager().newSubManager()) {
            GroupNet net = Networks.net(model);
            assertThat(net).isInstanceOf(NestedAlexNet.class);
            assertThat(net.scheme()).isEqualTo(Scheme.NESTED);
            NDArray images = m.randomUniform(0, 1, new Shape(3, 3, 32, 32));
            ParameterStore store = new ParameterStore(m, false);
            for (int k = 1; k <= 4; k++) {
                NDArray logits = net.forward(store, new NDList(images, m.create(k)), false).singletonOrThrow();
                assertThat(logits.getShape()).isEqualTo(new Shape(3, CLASSES));
            }
            assertThat(net.forward(store, new NDList(images), false).singletonOrThrow().getShape())
                    .isEqualTo(new Shape(3, CLASSES));
            assertThatThrownBy(() -> net.forward(store, new NDList(images, m.create(5)), false))
                    .hasMessageContaining("k must be in 1..4, got 5");
        }
    }

    @Test
    void groupGConvolutionsReadGroups1ToGOfTheLayerBefore() {
        try (Model model = Networks.create("n", Scheme.NESTED, new AlexNetSpec(4, CLASSES))) {
            NestedAlexNet net = (NestedAlexNet) Networks.net(model);
            for (int g = 1; g <= 4; g++) {
                assertThat(convWeight(net, g, 0).getShape()).isEqualTo(new Shape(16, 3, 5, 5));
                assertThat(convWeight(net, g, 1).getShape()).isEqualTo(new Shape(48, 16L * g, 5, 5));
                assertThat(convWeight(net, g, 2).getShape()).isEqualTo(new Shape(96, 48L * g, 3, 3));
                assertThat(convWeight(net, g, 3).getShape()).isEqualTo(new Shape(64, 96L * g, 3, 3));
                assertThat(convWeight(net, g, 4).getShape()).isEqualTo(new Shape(64, 64L * g, 3, 3));
            }
        }
    }

    @Test
    void unevenSplitsConcatenateTheEarlierGroupsWidths() {
        try (Model model = Networks.create("n", Scheme.NESTED, new AlexNetSpec(3, CLASSES));
                NDManager m = model.getNDManager().newSubManager()) {
            NestedAlexNet net = (NestedAlexNet) Networks.net(model);
            // layer 1 is 64 = 22 + 21 + 21 wide, so layer 2 of group 3 reads all 64 channels
            assertThat(convWeight(net, 3, 1).getShape().get(1)).isEqualTo(64);
            assertThat(convWeight(net, 2, 1).getShape().get(1)).isEqualTo(43);
            NDArray logits = net.forward(new ParameterStore(m, false),
                    new NDList(m.zeros(new Shape(1, 3, 32, 32)), m.create(3)), false).singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(1, CLASSES));
        }
    }

    @Test
    void parameterBytesPerKMatchTheWidthsAndKernels() {
        for (Scheme scheme : Scheme.values()) {
            try (Model model = Networks.create("n", scheme, new AlexNetSpec(4, CLASSES))) {
                GroupNet net = Networks.net(model);
                for (int k = 1; k <= 4; k++) {
                    assertThat(net.parameterBytes(k)).as("%s, k = %d", scheme, k).isEqualTo(expectedBytes(scheme, 4, k));
                }
            }
        }
        // the figures of the shipped grouped bundle, and the first nested group is the grouped one
        assertThat(expectedBytes(Scheme.GROUPED, 4, 4)).isEqualTo(2_646_824);
        assertThat(expectedBytes(Scheme.NESTED, 4, 1)).isEqualTo(expectedBytes(Scheme.GROUPED, 4, 1));
        assertThat(expectedBytes(Scheme.NESTED, 4, 4)).isGreaterThan(2 * expectedBytes(Scheme.GROUPED, 4, 4));
    }

    /**
     * Float32 values read with k of G groups, counted from the AlexNet's widths and kernels: per
     * group and layer the convolution weights and four batch-norm vectors, per group its
     * classifier block, plus the one bias of k.
     */
    private static long expectedBytes(Scheme scheme, int groups, int k) {
        long values = CLASSES;
        for (int g = 1; g <= k; g++) {
            long in = AlexNetSpec.CHANNELS;
            for (int layer = 0; layer < AlexNetSpec.WIDTHS.size(); layer++) {
                long out = AlexNetSpec.WIDTHS.get(layer) / groups;
                long kernel = AlexNetSpec.KERNELS.get(layer);
                values += out * in * kernel * kernel + 4 * out;
                in = scheme == Scheme.NESTED ? out * g : out;
            }
            values += AlexNetSpec.WIDTHS.get(4) / groups * 4 * 4 * CLASSES;
        }
        return values * Float.BYTES;
    }

    @Test
    void groupsAboveKAreNeverComputed() {
        try (Model model = Networks.create("n", Scheme.NESTED, new AlexNetSpec(4, CLASSES));
                NDManager m = model.getNDManager().newSubManager()) {
            GroupNet net = Networks.net(model);
            NDArray images = m.randomUniform(0, 1, new Shape(2, 3, 32, 32));
            ParameterStore store = new ParameterStore(m, false);
            float[] k2 = net.forward(store, new NDList(images, m.create(2)), false).singletonOrThrow().toFloatArray();
            // NaN in groups 3 and 4 would spread into every logit if they were computed and masked.
            for (int g = 3; g <= 4; g++) {
                net.stageParameters(g).forEach(p -> p.getArray().muli(Float.NaN));
            }
            assertThat(net.forward(store, new NDList(images, m.create(2)), false).singletonOrThrow().toFloatArray())
                    .isEqualTo(k2);
            assertThat(net.forward(store, new NDList(images, m.create(3)), false).singletonOrThrow().toFloatArray())
                    .containsOnly(Float.NaN);
        }
    }

    @Test
    void aLaterGroupReadsTheEarlierGroupsOnlyInTheNestedScheme() {
        for (Scheme scheme : Scheme.values()) {
            try (Model model = Networks.create("n", scheme, new AlexNetSpec(2, CLASSES));
                    NDManager m = model.getNDManager().newSubManager()) {
                GroupNet net = Networks.net(model);
                NDArray images = m.randomUniform(0, 1, new Shape(2, 3, 32, 32));
                ParameterStore store = new ParameterStore(m, false);
                // Without W_1, group 1 reaches the logits of k = 2 only through group 2's inputs.
                net.head(1).getParameters().values().forEach(p -> p.getArray().muli(0));
                float[] before = net.forward(store, new NDList(images, m.create(2)), false).singletonOrThrow().toFloatArray();
                net.path(1).getParameters().values().get(0).getArray().muli(-1);
                float[] after = net.forward(store, new NDList(images, m.create(2)), false).singletonOrThrow().toFloatArray();
                if (scheme == Scheme.NESTED) {
                    assertThat(after).as("nested").isNotEqualTo(before);
                } else {
                    assertThat(after).as("grouped").isEqualTo(before);
                }
            }
        }
    }

    @Test
    void namesEveryArchitecture() {
        assertThat(Scheme.ofArchitecture("nested-alexnet-32x32")).contains(Scheme.NESTED);
        assertThat(Scheme.ofArchitecture("grouped-alexnet-32x32")).contains(Scheme.GROUPED);
        assertThat(Scheme.ofArchitecture("resnet")).isEmpty();
        assertThat(Scheme.architectures()).isEqualTo("grouped-alexnet-32x32, nested-alexnet-32x32");
    }

    private static NDArray convWeight(NestedAlexNet net, int g, int layer) {
        Parameter weight = net.layer(g, layer).getParameters().values().get(0);
        assertThat(weight.getType()).isEqualTo(Parameter.Type.WEIGHT);
        return weight.getArray();
    }
}
