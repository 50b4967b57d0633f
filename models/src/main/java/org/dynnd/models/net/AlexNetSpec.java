package org.dynnd.models.net;

import java.util.List;

/**
 * The shape of the AlexNet adapted to 32x32 inputs (Xun et al., MLCAD 2019): five convolution
 * layers of widths 64, 192, 384, 256, 256 with kernels 5, 5, 3, 3, 3, 2x2 max-pooling after the
 * first, second and fifth, then a linear classifier; every layer's channels split into
 * {@code groups} independent paths of (nearly) equal width. {@code groups == 1} is the dense reference network.
 *
 * @param groups number of channel groups G (1 for the dense network, 2..8 for the grouped one)
 * @param classes number of output classes
 */
public record AlexNetSpec(int groups, int classes) {

    /** Output channels of the five convolution layers of the full (all groups) network. */
    public static final List<Integer> WIDTHS = List.of(64, 192, 384, 256, 256);
    /** Square kernel size of each convolution layer. */
    public static final List<Integer> KERNELS = List.of(5, 5, 3, 3, 3);
    /** Whether a 2x2 max-pool follows each convolution layer. */
    public static final List<Boolean> POOL_AFTER = List.of(true, true, false, false, true);
    /** Input images are 3 x 32 x 32, values in [0, 1]. */
    public static final int CHANNELS = 3;
    /** Input height and width. */
    public static final int SIZE = 32;
    /** Largest supported number of groups: every width divides by 8. */
    public static final int MAX_GROUPS = 8;

    public AlexNetSpec {
        if (groups < 1 || groups > MAX_GROUPS) {
            throw new IllegalArgumentException("groups must be 1 (dense) or 2.." + MAX_GROUPS + ", got " + groups);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
    }

    /**
     * Output channels of convolution layer {@code layer} (0-based) in group {@code g} (1-based):
     * the width split as evenly as possible, the first groups taking one channel more when G
     * does not divide it (G = 2, 4, 8 divide every width exactly).
     */
    public int groupWidth(int layer, int g) {
        int width = WIDTHS.get(layer);
        return width / groups + (g <= width % groups ? 1 : 0);
    }

    /** Spatial size of the feature map after the last pooling: 32 / 2^3. */
    public static int featureSize() {
        int size = SIZE;
        for (boolean pool : POOL_AFTER) {
            size = pool ? size / 2 : size;
        }
        return size;
    }

    /**
     * Number of stored values (convolution weights; batch-norm scale, shift, running mean and
     * variance; classifier weights and bias) of a
     * dense network whose layers are {@code numerator/denominator} of the full widths. Used to
     * compare the one grouped model with G separately trained networks of widths 1/G..G/G.
     */
    public static long denseParameterCount(int numerator, int denominator, int classes) {
        long count = 0;
        long in = CHANNELS;
        for (int layer = 0; layer < WIDTHS.size(); layer++) {
            long out = (long) WIDTHS.get(layer) * numerator / denominator;
            long kernel = KERNELS.get(layer);
            count += out * in * kernel * kernel + 4 * out;
            in = out;
        }
        long features = in * featureSize() * featureSize();
        return count + features * classes + classes;
    }

    /**
     * Bytes of the G separately trained dense networks of widths 1/G, 2/G, .., G/G that the
     * one grouped model replaces (float32 values, counted as {@link #denseParameterCount}).
     */
    public static long separateModelsBytes(int groups, int classes) {
        long bytes = 0;
        for (int w = 1; w <= groups; w++) {
            bytes += denseParameterCount(w, groups, classes) * Float.BYTES;
        }
        return bytes;
    }
}
