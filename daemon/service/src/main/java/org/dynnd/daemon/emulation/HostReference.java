package org.dynnd.daemon.emulation;

import java.util.Arrays;
import org.dynnd.models.runtime.DynamicModel;

/**
 * The host's typical latency for each k, measured once at start: the median of a few inferences
 * of a blank image after a warm-up. An emulated board scales the host's time by it.
 *
 * <p>The k are measured in turn, round after round, never one k after the other: the first
 * inferences of a fresh engine are slow for a while (JIT, allocator, thread pool), and a drift of
 * the host's speed would otherwise land on some k only, making them look faster or slower on the
 * emulated board than the board model says (k=1 measured first came out four times too slow, so
 * it ran four times faster than the board's k=1 and the governor oscillated between k).
 */
public final class HostReference {

    /** Rounds over every k before measuring. */
    static final int WARM_ROUNDS = 10;

    private HostReference() {}

    public static double[] measure(DynamicModel model, int runs) {
        byte[] image = new byte[32 * 32 * 3];
        int groups = model.groups();
        for (int round = 0; round < WARM_ROUNDS; round++) {
            for (int k = 1; k <= groups; k++) {
                model.classify(image, k);
            }
        }
        double[][] ms = new double[groups][runs];
        for (int i = 0; i < runs; i++) {
            for (int k = 1; k <= groups; k++) {
                long t0 = System.nanoTime();
                model.classify(image, k);
                ms[k - 1][i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] reference = new double[groups];
        for (int k = 1; k <= groups; k++) {
            Arrays.sort(ms[k - 1]);
            reference[k - 1] = ms[k - 1][runs / 2];
        }
        return reference;
    }
}
