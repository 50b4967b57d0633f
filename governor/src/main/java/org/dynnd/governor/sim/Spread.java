package org.dynnd.governor.sim;

import java.util.Arrays;

/**
 * The distribution of one figure over a family's scenarios: median, 90th percentile and worst
 * (the largest: every {@link RunFigures} figure is worse when higher). Percentiles are the
 * nearest rank.
 *
 * @param median the 50th percentile
 * @param p90 the 90th percentile
 * @param worst the largest value
 */
public record Spread(double median, double p90, double worst) {

    /** The spread of {@code values}; at least one is required. */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Spread(rank(sorted, 0.5), rank(sorted, 0.9), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
