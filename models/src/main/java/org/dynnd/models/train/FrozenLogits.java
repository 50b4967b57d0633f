package org.dynnd.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.dynnd.models.data.Augmentation;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.data.ViewLogits;
import org.dynnd.models.net.GroupedAlexNet;

/**
 * The frozen groups' share of the logits, {@code sum_{g<k} W_g f_g(x)}, for every augmented view
 * x of every training image. While stage k trains, groups below k do not change, so their share
 * is computed once per view (in inference mode, without gradients) instead of in every epoch;
 * each stage then costs one path's forward and backward. Groups are added in order as stages
 * finish, with the same float32 additions, in the same order, as the network's own forward pass.
 * Only for networks whose groups read the image alone: the grouped scheme ({@link GroupedAlexNet}).
 */
public final class FrozenLogits implements ViewLogits {

    private static final int BATCH = 250;

    private final ImageSet images;
    private final Augmentation augmentation;
    private final int classes;
    private final float[] sums;
    private int groups;

    /** Empty sums (no group yet) for every view of {@code augmentation} of every image of {@code images}. */
    public FrozenLogits(ImageSet images, Augmentation augmentation, int classes) {
        this.images = images;
        this.augmentation = augmentation;
        this.classes = classes;
        this.sums = new float[Math.multiplyExact(Math.multiplyExact(images.count(), augmentation.views()), classes)];
    }

    /** Groups whose share the sums hold: 1..groups(). */
    public int groups() {
        return groups;
    }

    /** Adds the shares of the groups not yet summed, so that the sums hold groups 1..k-1. */
    public void extendTo(GroupedAlexNet net, NDManager manager, int k) {
        while (groups < k - 1) {
            add(net, manager, groups + 1);
            groups++;
        }
    }

    private void add(GroupedAlexNet net, NDManager manager, int g) {
        int views = augmentation.views();
        Evaluation.withoutGradients(net, () -> {
            try (NDManager scope = manager.newSubManager()) {
                ParameterStore store = new ParameterStore(scope, false);
                float[] input = new float[BATCH * ImageSet.INPUT_VALUES];
                for (int view = 0; view < views; view++) {
                    for (int start = 0; start < images.count(); start += BATCH) {
                        int size = Math.min(BATCH, images.count() - start);
                        for (int i = 0; i < size; i++) {
                            augmentation.copy(images, start + i, view, input, i * ImageSet.INPUT_VALUES);
                        }
                        try (NDManager batch = scope.newSubManager()) {
                            NDArray x = batch.create(Arrays.copyOf(input, size * ImageSet.INPUT_VALUES),
                                    new Shape(size, 3, ImageSet.SIZE, ImageSet.SIZE));
                            float[] part = net.groupLogits(store, x, g).toFloatArray();
                            for (int i = 0; i < size; i++) {
                                int at = ((start + i) * views + view) * classes;
                                for (int c = 0; c < classes; c++) {
                                    sums[at + c] += part[i * classes + c];
                                }
                            }
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public void copy(int image, int view, float[] target, int offset) {
        System.arraycopy(sums, (image * augmentation.views() + view) * classes, target, offset, classes);
    }
}
