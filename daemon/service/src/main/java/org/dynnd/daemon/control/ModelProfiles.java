package org.dynnd.daemon.control;

import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.models.runtime.DynamicModel;

/**
 * The governor's view of a model bundle: its accuracy and multiply-accumulates per k as the
 * manifest states them, so any G and any scheme (grouped, nested) gets its own costs.
 */
public final class ModelProfiles {

    private ModelProfiles() {}

    /** The profile of {@code model}: named by its architecture, versioned by its parameters' digest. */
    public static ModelProfile of(DynamicModel model) {
        int groups = model.groups();
        int[] ks = new int[groups];
        long[] macs = new long[groups];
        double[] accuracy = new double[groups];
        for (int k = 1; k <= groups; k++) {
            ks[k - 1] = k;
            macs[k - 1] = model.macs(k);
            accuracy[k - 1] = model.accuracy(k);
        }
        return ModelProfile.ofMacs(model.manifest().architecture(), model.manifest().parametersSha256().substring(0, 12),
                ks, macs, accuracy);
    }

    /** Multiply-accumulates of one inference of {@code model} at full width: what a board model's latencies scale with. */
    public static long fullMacs(DynamicModel model) {
        return model.macs(model.groups());
    }
}
