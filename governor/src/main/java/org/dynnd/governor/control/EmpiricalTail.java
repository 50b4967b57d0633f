package org.dynnd.governor.control;

import java.util.Arrays;

/**
 * The last residuals (log latency less the period's mean) of each (k, unit), kept in a ring and
 * sorted now and then, for an empirical quantile of single latencies where a fitted spread does
 * not describe the tail (see {@link LatencySpread}). A quantile needs two residuals beyond it, so
 * {@code 2 / (1 - confidence)} of them: the ring holds {@value #RING}, or as many as that where it
 * is more (confidence above 0.992), so that the empirical tail exists at every confidence.
 */
final class EmpiricalTail {

    /** Residuals a (k, unit) keeps, at least. */
    static final int RING = 256;
    /** Binomial standard deviations of excess exceedances before the empirical tail replaces the fitted one. */
    private static final double EXCESS_SIGMAS = 2;

    private double confidence;
    private int minSamples;
    /** The length of every (k, unit)'s ring. */
    private int capacity;
    private final double[][] residuals;
    private final int[] filled;
    private final double[] empirical;
    private final int[] sortedAt;
    private final double[][] sorted;

    EmpiricalTail(int slots, double confidence) {
        this.confidence = confidence;
        this.minSamples = samplesFor(confidence);
        this.capacity = Math.max(RING, minSamples);
        residuals = new double[slots][capacity];
        filled = new int[slots];
        empirical = new double[slots];
        Arrays.fill(empirical, Double.NaN);
        sortedAt = new int[slots];
        sorted = new double[slots][];
    }

    /** Residuals needed for the empirical {@code confidence} quantile: two beyond it. */
    private static int samplesFor(double confidence) {
        return (int) Math.ceil(2 / (1 - confidence));
    }

    /**
     * From now on the quantile asked is {@code confidence}. The residuals are kept (the newest,
     * where the ring gets shorter) and each quantile is taken again from the sorted residuals, or
     * dropped where they are too few for it.
     */
    void confidence(double confidence) {
        this.confidence = confidence;
        this.minSamples = samplesFor(confidence);
        int next = Math.max(RING, minSamples);
        if (next != capacity) {
            resize(next);
        }
        for (int s = 0; s < sorted.length; s++) {
            empirical[s] = sorted[s] != null && sorted[s].length >= minSamples ? quantile(sorted[s]) : Double.NaN;
        }
    }

    /** Rings of {@code next} residuals, each holding the newest it can, oldest first; sorted again at their next period. */
    private void resize(int next) {
        for (int s = 0; s < residuals.length; s++) {
            int keep = Math.min(Math.min(filled[s], capacity), next);
            double[] ring = new double[next];
            for (int j = 0; j < keep; j++) {
                ring[j] = residuals[s][(filled[s] - keep + j) % capacity];
            }
            residuals[s] = ring;
            filled[s] = keep;
            sortedAt[s] = keep - next;
        }
        capacity = next;
    }

    private double quantile(double[] ascending) {
        return ascending[Math.max(0, (int) Math.ceil(confidence * ascending.length) - 1)];
    }

    /** One residual of slot {@code s}. */
    void add(int s, double residual) {
        residuals[s][filled[s]++ % capacity] = residual;
    }

    /** Ends a period in which slot {@code s} ran: sorts its residuals again once an eighth of the ring is new. */
    void endPeriod(int s) {
        if (filled[s] >= minSamples && filled[s] - sortedAt[s] >= capacity / 8) {
            sortedAt[s] = filled[s];
            int n = Math.min(filled[s], capacity);
            if (sorted[s] == null || sorted[s].length != n) {
                sorted[s] = new double[n];
            }
            System.arraycopy(residuals[s], 0, sorted[s], 0, n);
            Arrays.sort(sorted[s]);
            empirical[s] = quantile(sorted[s]);
        }
    }

    /**
     * The empirical quantile of slot {@code s} where it is above {@code fitted} and more residuals
     * exceed {@code fitted} than sampling alone explains: above the expected
     * {@code (1 - confidence) n} by {@value #EXCESS_SIGMAS} binomial standard deviations. The
     * quantile of a few hundred residuals is itself noisy (at 0.99 of 256 it is the third largest):
     * taken whenever it lay above the fitted tail, it would bias every bound up by chance alone,
     * while a mixture with preemptions shows many more exceedances than that. Otherwise
     * {@code fitted}.
     */
    double tail(int s, double fitted) {
        double q = empirical[s];
        if (Double.isNaN(q) || q <= fitted) {
            return fitted;
        }
        double[] r = sorted[s];
        int n = r.length;
        int above = n - upperBound(r, fitted);
        double expected = (1 - confidence) * n;
        return above > expected + EXCESS_SIGMAS * Math.sqrt(expected * confidence) ? q : fitted;
    }

    /** The share of slot {@code s}'s residuals above {@code logMargin}; NaN while it holds too few for the quantile. */
    double exceedance(int s, double logMargin) {
        double[] r = sorted[s];
        if (r == null || r.length < minSamples) {
            return Double.NaN;
        }
        return (r.length - upperBound(r, logMargin)) / (double) r.length;
    }

    /** The index of the first element of ascending {@code a} greater than {@code x}. */
    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
