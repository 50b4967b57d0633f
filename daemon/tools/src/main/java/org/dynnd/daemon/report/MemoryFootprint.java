package org.dynnd.daemon.report;

import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.net.AlexNetSpec;

/**
 * Parameter bytes of the one grouped model against storing one separately trained dense model
 * per k (widths 1/G..G/G of the full network, float32).
 *
 * @param groupedBytes all parameters of k = G plus the classifier biases b_1..b_{G-1} that only the narrower widths use
 * @param separateModelsBytes the G separate dense models ({@link AlexNetSpec#separateModelsBytes})
 */
public record MemoryFootprint(long groupedBytes, long separateModelsBytes) {

    /** The footprint of the bundle described by {@code manifest}. */
    public static MemoryFootprint of(Manifest manifest) {
        int groups = manifest.groups();
        int classes = manifest.classNames().size();
        long grouped = manifest.parameterBytes().get(groups - 1) + (groups - 1L) * classes * Float.BYTES;
        return new MemoryFootprint(grouped, AlexNetSpec.separateModelsBytes(groups, classes));
    }

    /** How many times smaller the grouped model is. */
    public double ratio() {
        return (double) separateModelsBytes / groupedBytes;
    }
}
