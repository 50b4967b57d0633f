package org.dynnd.models.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * An {@link ImageSet} as a DJL training {@link Dataset}: batches of {@code (N, 3, 32, 32)}
 * images in [0, 1] plus, when {@code k > 0}, the number of active groups as a scalar second
 * input, so that {@code Trainer.forward} runs the grouped network at that width. The order is
 * a seeded shuffle (or none), and with an {@link Augmentation} every image shows one of its
 * views, chosen by the same seed, so a resumed run sees exactly the batches the interrupted one
 * would have seen. With {@link ViewLogits} the logits of the chosen views are a third input.
 * Each batch builds one array from a float buffer instead of one per image.
 */
public final class ImageBatches implements Dataset {

    private final ImageSet images;
    private final int batchSize;
    private final int k;
    private final Long seed;
    private final Augmentation augmentation;
    private final ViewLogits extra;

    /**
     * @param images the images
     * @param batchSize images per batch (the last batch may be smaller)
     * @param k the active groups handed to the network, or 0 to hand only the images
     * @param seed the shuffle seed, or null to keep the stored order
     */
    public ImageBatches(ImageSet images, int batchSize, int k, Long seed) {
        this(images, batchSize, k, seed, Augmentation.none(), null);
    }

    /**
     * @param augmentation the views of every image; each pass shows one per image
     * @param extra logits of every view handed as the third input, or null for none (needs {@code k > 0})
     */
    public ImageBatches(ImageSet images, int batchSize, int k, Long seed, Augmentation augmentation, ViewLogits extra) {
        if (extra != null && k < 1) {
            throw new IllegalArgumentException("extra logits need the group count as second input, got k = " + k);
        }
        this.augmentation = augmentation;
        this.extra = extra;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.images = images;
        this.batchSize = batchSize;
        this.k = k;
        this.seed = seed;
    }

    /** Number of batches one pass yields. */
    public int batches() {
        return (images.count() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        int[] order = order();
        int[] views = views(order.length);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int size = Math.min(batchSize, order.length - next);
                float[] data = new float[size * ImageSet.INPUT_VALUES];
                float[] labels = new float[size];
                float[] logits = extra == null ? null : new float[size * extra.classes()];
                for (int i = 0; i < size; i++) {
                    int index = order[next + i];
                    augmentation.copy(images, index, views[next + i], data, i * ImageSet.INPUT_VALUES);
                    labels[i] = images.label(index);
                    if (extra != null) {
                        extra.copy(index, views[next + i], logits, i * extra.classes());
                    }
                }
                next += size;
                NDManager batchManager = manager.newSubManager();
                NDArray array = batchManager.create(data, new Shape(size, 3, ImageSet.SIZE, ImageSet.SIZE));
                NDList inputs = k > 0 ? new NDList(array, batchManager.create(k)) : new NDList(array);
                if (extra != null) {
                    inputs.add(batchManager.create(logits, new Shape(size, extra.classes())));
                }
                NDList targets = new NDList(batchManager.create(labels, new Shape(size)));
                return new Batch(batchManager, inputs, targets, size, Batchifier.STACK, Batchifier.STACK,
                        (next + batchSize - 1) / batchSize, batches());
            }
        };
    }

    /** The view each position of the pass shows: drawn from the seed, apart from the order's draws. */
    private int[] views(int count) {
        int[] views = new int[count];
        if (augmentation.views() > 1) {
            Random random = new Random(seed == null ? augmentation.seed() : ~seed);
            for (int i = 0; i < count; i++) {
                views[i] = random.nextInt(augmentation.views());
            }
        }
        return views;
    }

    private int[] order() {
        return permutation(images.count(), seed == null ? null : new Random(seed));
    }

    /** 0..count-1, shuffled (Fisher-Yates) by {@code random}, or in order when it is null. */
    public static int[] permutation(int count, Random random) {
        int[] order = new int[count];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    @Override
    public void prepare(Progress progress) {
        // The images are already in memory: nothing to download or decode.
    }
}
