package org.dynnd.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import org.dynnd.models.data.ImageBatches;
import org.dynnd.models.data.ImageSet;
import java.util.function.Supplier;
import org.dynnd.models.net.GroupNet;

/** Top-1 accuracy of a network on labelled images, in inference mode and without gradients. */
public final class Evaluation {

    private static final int BATCH = 250;

    private Evaluation() {}

    /** Accuracy in percent of {@code net} running {@code k} groups over every image of {@code images}. */
    public static double accuracy(GroupNet net, NDManager manager, ImageSet images, int k) {
        long correct = withoutGradients(net, () -> {
            long right = 0;
            try (NDManager scope = manager.newSubManager()) {
                ParameterStore store = new ParameterStore(scope, false);
                for (Batch batch : new ImageBatches(images, BATCH, k, null).getData(scope)) {
                    try (batch) {
                        NDArray logits = net.forward(store, batch.getData(), false).singletonOrThrow();
                        NDArray labels = batch.getLabels().head();
                        right += logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong();
                    }
                }
            }
            return right;
        });
        return 100.0 * correct / images.count();
    }

    /**
     * Runs {@code work} with every parameter of {@code net} frozen, so PyTorch records no graph,
     * and restores the parameters that were trainable before.
     */
    static <T> T withoutGradients(GroupNet net, Supplier<T> work) {
        var trainable = net.getParameters().values().stream().filter(p -> p.requiresGradient()).toList();
        net.freezeParameters(true);
        try {
            return work.get();
        } finally {
            trainable.forEach(p -> p.freeze(false));
        }
    }

    /** Logits of {@code net} at {@code k} groups for the given inputs (N x 3 x 32 x 32 values). */
    public static float[] logits(GroupNet net, NDManager manager, float[] inputs, int count, int k) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.create(inputs, new ai.djl.ndarray.types.Shape(count, 3, ImageSet.SIZE, ImageSet.SIZE));
            NDList out = net.forward(new ParameterStore(scope, false), new NDList(images, scope.create(k)), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }
}
