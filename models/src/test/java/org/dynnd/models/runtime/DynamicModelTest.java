package org.dynnd.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dynnd.models.TestBundles;
import org.dynnd.models.TestImages;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DynamicModelTest {

    private static final ImageSet TEST = TestImages.bands(20, 10, 5);

    @Test
    void kChangesFromCallToCallWithoutReloadingOrNewWeights(@TempDir Path dir) throws Exception {
        Manifest manifest = TestBundles.write(dir, 4, TEST);
        try (DynamicModel model = DynamicModel.open(dir)) {
            GroupNet net = model.net();
            Map<NDArray, Boolean> before = arrays(net);
            float[] image = TEST.input(3);
            float[][] first = new float[5][];
            for (int k : new int[] {4, 1, 3, 2}) {
                first[k] = model.classify(image, k).logits();
            }
            for (int k : new int[] {1, 4, 2, 3, 1, 4}) {
                assertThat(model.classify(image, k).logits()).as("k = %d", k).isEqualTo(first[k]);
            }
            assertThat(first[1]).isNotEqualTo(first[4]);
            Map<NDArray, Boolean> after = arrays(net);
            assertThat(after).hasSameSizeAs(before);
            assertThat(after.keySet()).allMatch(before::containsKey);
            assertThat(model.accuracy(2)).isEqualTo(manifest.accuracy(2));
            assertThat(model.groups()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void groupsAboveKAreNotComputedAtAll(Scheme scheme, @TempDir Path dir) throws Exception {
        TestBundles.write(dir, scheme, 4, TEST);
        try (DynamicModel model = DynamicModel.open(dir)) {
            assertThat(model.manifest().architecture()).isEqualTo(scheme.architecture());
            assertThat(model.net().scheme()).isEqualTo(scheme);
            float[] image = TEST.input(0);
            float[] k2 = model.classify(image, 2).logits();
            // Poison groups 3 and 4: masking them would still spread NaN into every logit.
            for (int g = 3; g <= 4; g++) {
                for (Parameter p : model.net().path(g).getParameters().values()) {
                    p.getArray().muli(Float.NaN);
                }
            }
            assertThat(model.classify(image, 2).logits()).isEqualTo(k2);
            for (float logit : model.classify(image, 4).logits()) {
                assertThat(logit).isNaN();
            }
        }
    }

    @Test
    void acceptsGreyAndRgbBytesAndRejectsBadInput(@TempDir Path dir) throws Exception {
        TestBundles.write(dir, 2, TEST);
        try (DynamicModel model = DynamicModel.open(dir)) {
            byte[] grey = new byte[32 * 32];
            byte[] rgb = new byte[3 * 32 * 32];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = (byte) (i * 7);
                for (int c = 0; c < 3; c++) {
                    rgb[c * grey.length + i] = grey[i];
                }
            }
            Classification fromGrey = model.classify(grey, 2);
            assertThat(model.classify(rgb, 2).logits()).isEqualTo(fromGrey.logits());
            assertThat(fromGrey.label()).isEqualTo(model.classNames().get(fromGrey.index()));
            assertThat(fromGrey.probability()).isBetween(0.1, 1.0);
            assertThatThrownBy(() -> model.classify(new byte[5], 1)).hasMessageContaining("got 5");
            assertThatThrownBy(() -> model.classify(new float[3 * 32 * 32], 3)).hasMessageContaining("k must be in 1..2, got 3");
            assertThatThrownBy(() -> model.setThreads(-1)).hasMessageContaining("threads must be 0");
        }
    }

    private static Map<NDArray, Boolean> arrays(GroupNet net) {
        Map<NDArray, Boolean> arrays = new IdentityHashMap<>();
        List.copyOf(net.getParameters().values()).forEach(p -> arrays.put(p.getArray(), true));
        return arrays;
    }
}
