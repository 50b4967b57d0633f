package org.dynnd.daemon.emulation;

import java.util.Arrays;

/**
 * The host's typical latency for each k, kept up to date: the median of the last
 * {@value #WINDOW} inferences at that k, starting from the {@link HostReference} measured at start.
 *
 * <p>Why not the start-up measurement alone: on a busy host (two shared cores here) a median of a
 * few inferences per k is off by up to a factor of three for some k and not for others, and the
 * emulated board then shows a k=2 faster than its k=1 — a board that does not exist, on which no
 * governor can settle. Measuring against a running median keeps the host's inference-to-inference
 * variation in the board's latency, but not a lasting shift of the host's speed; interference on
 * an emulated board is configured explicitly ({@code emulation.co_runner}).
 */
public final class HostBaseline {

    static final int WINDOW = 64;

    private final double[][] recent;
    private final int[] count;

    /** @param startMs the start-up reference for each k (index k-1) */
    public HostBaseline(double[] startMs) {
        recent = new double[startMs.length][WINDOW];
        count = new int[startMs.length];
        for (int k = 0; k < startMs.length; k++) {
            recent[k][0] = startMs[k];
            count[k] = 1;
        }
    }

    /** Adds an inference's host time at {@code k} and returns the typical time at {@code k}, the new one included. */
    synchronized double typicalMs(int k, double hostMs) {
        int i = k - 1;
        recent[i][count[i] % WINDOW] = hostMs;
        count[i]++;
        double[] window = Arrays.copyOf(recent[i], Math.min(count[i], WINDOW));
        Arrays.sort(window);
        int n = window.length;
        return n % 2 == 1 ? window[n / 2] : (window[n / 2 - 1] + window[n / 2]) / 2;
    }
}
