package org.dynnd.models.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The grouped AlexNet: each group g is its own path of five convolutions (every one followed by
 * batch norm and ReLU) that reads the whole image and nothing of the other groups, so running k
 * groups costs k paths and nothing else. All k share one set of weights, the extra memory over
 * the full model is (G-1) bias vectors, and training group g never changes anything that k < g
 * uses. The classifier, the inputs and the training rules are those of {@link GroupNet}.
 */
public final class GroupedAlexNet extends GroupNet {

    public GroupedAlexNet(AlexNetSpec spec) {
        super(spec, Scheme.GROUPED, g -> path(spec, g));
    }

    private static Block path(AlexNetSpec spec, int g) {
        SequentialBlock path = new SequentialBlock();
        for (int layer = 0; layer < AlexNetSpec.WIDTHS.size(); layer++) {
            addLayer(path, spec, layer, g);
        }
        path.add(Blocks.batchFlattenBlock());
        return path;
    }

    /**
     * Inputs as {@link GroupNet}'s, and also {@code (images, k, frozen)} with {@code frozen} =
     * {@code sum_{g<k} W_g f_g(images)} computed beforehand ({@link #groupLogits}): that runs group
     * k alone, with the same sums in the same order, at the cost of one path. Only this scheme can:
     * its groups read the image and nothing of each other.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() <= 2) {
            return super.forwardInternal(store, inputs, training, params);
        }
        NDArray images = inputs.get(0);
        int k = groupsOf(inputs);
        NDArray part = share(store, images, k, training);
        return withBias(store, images, k, k == 1 ? part : inputs.get(2).add(part), training);
    }

    /**
     * Group {@code g}'s share {@code W_g f_g(x)} of the logits, in inference mode: what a frozen
     * group adds to the logits of every k >= g.
     */
    public NDArray groupLogits(ParameterStore store, NDArray images, int g) {
        return share(store, images, checkGroup(g), false);
    }

    private NDArray share(ParameterStore store, NDArray images, int g, boolean training) {
        NDArray features = path(g).forward(store, new NDList(images), training).singletonOrThrow();
        return head(g).forward(store, new NDList(features), training).singletonOrThrow();
    }

    @Override
    List<NDArray> features(ParameterStore store, NDArray images, int k, boolean training) {
        List<NDArray> features = new ArrayList<>();
        for (int g = 1; g <= k; g++) {
            // Only the newest group learns; the frozen ones keep their batch-norm statistics.
            features.add(path(g).forward(store, new NDList(images), training && g == k).singletonOrThrow());
        }
        return features;
    }
}
