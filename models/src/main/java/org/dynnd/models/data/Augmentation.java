package org.dynnd.models.data;

import java.util.SplittableRandom;

/**
 * Random crop with padding and left-right flip, as a fixed pool of {@code views} augmented views
 * of every image: view v of image i is a shift of up to {@code padding} pixels in each direction
 * and a mirror bit, drawn from {@code seed}, i and v alone. A training epoch shows each image one
 * of its views; because the views are a fixed pool, whatever a frozen network computes for a view
 * can be computed once and reused in every epoch that shows it.
 *
 * @param padding largest shift in pixels (0 for none)
 * @param flip whether views may be mirrored
 * @param views views per image (1 and no padding or flip: the image itself)
 * @param seed seed of the views
 */
public record Augmentation(int padding, boolean flip, int views, long seed) {

    public Augmentation {
        if (padding < 0 || padding >= ImageSet.SIZE) {
            throw new IllegalArgumentException("padding must be in 0.." + (ImageSet.SIZE - 1) + ", got " + padding);
        }
        if (views < 1) {
            throw new IllegalArgumentException("views must be at least 1, got " + views);
        }
    }

    /** No augmentation: the single view of every image is the image. */
    public static Augmentation none() {
        return new Augmentation(0, false, 1, 0);
    }

    /** Whether any view differs from its image. */
    public boolean active() {
        return padding > 0 || flip;
    }

    /** Writes view {@code view} of image {@code index} of {@code images} as network input at {@code offset}. */
    public void copy(ImageSet images, int index, int view, float[] target, int offset) {
        if (!active()) {
            images.copyInput(index, target, offset);
            return;
        }
        SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L) ^ (view * 0xC2B2AE3D27D4EB4FL));
        int dx = random.nextInt(2 * padding + 1) - padding;
        int dy = random.nextInt(2 * padding + 1) - padding;
        boolean mirror = flip && random.nextBoolean();
        images.copyView(index, target, offset, dx, dy, mirror);
    }
}
