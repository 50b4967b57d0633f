package org.dynnd.governor.profile;

import java.util.Arrays;

/**
 * The model's side of the trade-off, per number of active groups k: top-1 accuracy and compute
 * cost relative to the full model. The accuracy comes from an evaluation of the trained model
 * (a bundle manifest); the governor never invents it.
 *
 * @param name the model's name, part of a profile cache key
 * @param version the model's version, part of a profile cache key
 * @param ks the group counts, ascending
 * @param accuracyPercent top-1 accuracy in percent for each k
 * @param relativeCost compute cost of each k relative to the largest k (which is 1.0)
 */
public record ModelProfile(String name, String version, int[] ks, double[] accuracyPercent, double[] relativeCost) {

    public ModelProfile {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("model profile needs a name and a version");
        }
        ks = ks.clone();
        accuracyPercent = accuracyPercent.clone();
        relativeCost = relativeCost.clone();
        if (ks.length == 0 || ks.length != accuracyPercent.length || ks.length != relativeCost.length) {
            throw new IllegalArgumentException("model profile " + name + ": ks, accuracies and costs must have the"
                    + " same non-zero length, got " + ks.length + ", " + accuracyPercent.length + ", "
                    + relativeCost.length);
        }
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] < 1 || (i > 0 && ks[i] <= ks[i - 1])) {
                throw new IllegalArgumentException("model profile " + name + ": ks must be positive and ascending, got "
                        + Arrays.toString(ks));
            }
            if (!(accuracyPercent[i] >= 0 && accuracyPercent[i] <= 100)) {
                throw new IllegalArgumentException("model profile " + name + ": accuracy for k=" + ks[i]
                        + " must be within 0..100 %, got " + accuracyPercent[i]);
            }
            if (!(relativeCost[i] > 0 && relativeCost[i] <= 1.0 + 1e-9)) {
                throw new IllegalArgumentException("model profile " + name + ": relative cost for k=" + ks[i]
                        + " must be within (0, 1], got " + relativeCost[i]);
            }
        }
    }

    /**
     * The profile of a model that states its multiply-accumulates per k (a bundle's manifest):
     * each k costs its MACs relative to the largest k's.
     *
     * @param ks the group counts, ascending
     * @param macs multiply-accumulates of one inference for each k
     */
    public static ModelProfile ofMacs(String name, String version, int[] ks, long[] macs, double[] accuracyPercent) {
        if (macs.length == 0 || macs.length != ks.length) {
            throw new IllegalArgumentException("model profile " + name + ": one MAC count per k is needed, got "
                    + macs.length + " for " + ks.length + " group counts");
        }
        double full = macs[macs.length - 1];
        double[] relative = new double[macs.length];
        for (int i = 0; i < macs.length; i++) {
            if (macs[i] <= 0 || macs[i] > full) {
                throw new IllegalArgumentException("model profile " + name + ": MACs for k=" + ks[i] + " must be within"
                        + " 1.." + (long) full + " (the largest k's), got " + macs[i]);
            }
            relative[i] = macs[i] / full;
        }
        return new ModelProfile(name, version, ks, accuracyPercent, relative);
    }

    /** The largest group count G. */
    public int maxK() {
        return ks[ks.length - 1];
    }

    public double accuracyOf(int k) {
        return accuracyPercent[indexOf(k)];
    }

    public double costOf(int k) {
        return relativeCost[indexOf(k)];
    }

    private int indexOf(int k) {
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == k) {
                return i;
            }
        }
        throw new IllegalArgumentException("model profile " + name + " has no k=" + k + "; it has "
                + Arrays.toString(ks));
    }

    @Override
    public int[] ks() {
        return ks.clone();
    }

    @Override
    public double[] accuracyPercent() {
        return accuracyPercent.clone();
    }

    @Override
    public double[] relativeCost() {
        return relativeCost.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelProfile m && m.name.equals(name) && m.version.equals(version)
                && Arrays.equals(m.ks, ks) && Arrays.equals(m.accuracyPercent, accuracyPercent)
                && Arrays.equals(m.relativeCost, relativeCost);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(accuracyPercent);
    }

    @Override
    public String toString() {
        return "ModelProfile[" + name + " " + version + ", ks=" + Arrays.toString(ks) + ", accuracy="
                + Arrays.toString(accuracyPercent) + ", cost=" + Arrays.toString(relativeCost) + "]";
    }
}
