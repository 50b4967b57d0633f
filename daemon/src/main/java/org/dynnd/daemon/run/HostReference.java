package org.dynnd.daemon.run;

import java.util.Arrays;
import org.dynnd.models.runtime.DynamicModel;

/**
 * The host's typical latency for each k, measured once at start: the median of a few inferences
 * of a blank image after a warm-up. An emulated board scales the host's time by it.
 */
final class HostReference {

    private HostReference() {}

    static double[] measure(DynamicModel model, int runs) {
        byte[] image = new byte[32 * 32 * 3];
        double[] reference = new double[model.groups()];
        for (int k = 1; k <= model.groups(); k++) {
            for (int warm = 0; warm < 3; warm++) {
                model.classify(image, k);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                model.classify(image, k);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            reference[k - 1] = ms[runs / 2];
        }
        return reference;
    }
}
