package org.dynnd.governor.profile;

/**
 * Multiply-accumulate counts of the grouped AlexNet of the paper (Xun et al., MLCAD 2019) for
 * 32x32 RGB input, so that the simulator and a default profile know how the cost of inference
 * grows with the number of active groups k.
 *
 * <p>Architecture, as specified for dynnd: five convolutions of widths 64, 192, 384, 256, 256
 * with kernels 5, 5, 3, 3, 3, stride 1 and "same" padding; 2x2 max-pooling (stride 2) after
 * convolutions 1, 2 and 5; every layer split into G channel groups. With k groups active, group
 * g of a layer reads only group g of the layer before (group convolution), except the first
 * layer, whose groups each read the whole image. The classifier is taken as one linear layer
 * from the active groups' pooled features to 10 classes (CIFAR-10); its cost is tiny next to
 * the convolutions, so this assumption hardly moves the ratios.
 */
public final class GroupedAlexNetCost {

    private static final int[] WIDTHS = {64, 192, 384, 256, 256};
    private static final int[] KERNELS = {5, 5, 3, 3, 3};
    private static final boolean[] POOL_AFTER = {true, true, false, false, true};
    private static final int INPUT_SIZE = 32;
    private static final int INPUT_CHANNELS = 3;
    private static final int CLASSES = 10;

    private final int groups;

    /** @param groups G, the number of channel groups of every layer; must divide every width */
    public GroupedAlexNetCost(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("the number of groups G must be at least 1, got " + groups);
        }
        for (int w : WIDTHS) {
            if (w % groups != 0) {
                throw new IllegalArgumentException("G=" + groups + " does not divide the layer width " + w);
            }
        }
        this.groups = groups;
    }

    /** The multiply-accumulates of one inference with {@code k} active groups. */
    public long macs(int k) {
        if (k < 1 || k > groups) {
            throw new IllegalArgumentException("k must be within 1.." + groups + ", got " + k);
        }
        long total = 0;
        int size = INPUT_SIZE;
        int inPerGroup = INPUT_CHANNELS; // the first layer's groups read the whole image
        for (int layer = 0; layer < WIDTHS.length; layer++) {
            int outPerGroup = WIDTHS[layer] / groups;
            long perGroup = (long) size * size * outPerGroup * inPerGroup * KERNELS[layer] * KERNELS[layer];
            total += k * perGroup;
            inPerGroup = outPerGroup;
            if (POOL_AFTER[layer]) {
                size /= 2;
            }
        }
        total += (long) k * inPerGroup * size * size * CLASSES;
        return total;
    }

    /** The cost of each k in 1..G relative to k=G. */
    public double[] relativeCosts() {
        double full = macs(groups);
        double[] costs = new double[groups];
        for (int k = 1; k <= groups; k++) {
            costs[k - 1] = macs(k) / full;
        }
        return costs;
    }

    /** 1..G. */
    public int[] ks() {
        int[] ks = new int[groups];
        for (int k = 1; k <= groups; k++) {
            ks[k - 1] = k;
        }
        return ks;
    }

    /** A model profile of this network with the given measured accuracies (one per k=1..G). */
    public ModelProfile profile(String name, String version, double[] accuracyPercent) {
        if (accuracyPercent.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " accuracies (k=1.." + groups + "), got "
                    + accuracyPercent.length);
        }
        return new ModelProfile(name, version, ks(), accuracyPercent, relativeCosts());
    }
}
