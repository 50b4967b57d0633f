package org.dynnd.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import java.util.Arrays;
import java.util.function.Supplier;
import org.dynnd.models.data.ImageBatches;
import org.dynnd.models.data.ImageSet;
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

    /**
     * Logits of {@code net} at {@code k} groups for the given inputs (N x 3 x 32 x 32 values),
     * run in batches of at most {@value #BATCH} images so that memory stays bounded whatever N is.
     */
    public static float[] logits(GroupNet net, NDManager manager, float[] inputs, int count, int k) {
        return logits(net, manager, inputs, count, k, BATCH);
    }

    /** {@link #logits(GroupNet, NDManager, float[], int, int)} in batches of at most {@code batch} images. */
    static float[] logits(GroupNet net, NDManager manager, float[] inputs, int count, int k, int batch) {
        int classes = net.spec().classes();
        float[] logits = new float[count * classes];
        for (int start = 0; start < count; start += batch) {
            int size = Math.min(batch, count - start);
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(Arrays.copyOfRange(inputs, start * ImageSet.INPUT_VALUES,
                        (start + size) * ImageSet.INPUT_VALUES), new Shape(size, 3, ImageSet.SIZE, ImageSet.SIZE));
                NDList out = net.forward(new ParameterStore(scope, false), new NDList(images, scope.create(k)), false);
                System.arraycopy(out.singletonOrThrow().toFloatArray(), 0, logits, start * classes, size * classes);
            }
        }
        return logits;
    }
}
