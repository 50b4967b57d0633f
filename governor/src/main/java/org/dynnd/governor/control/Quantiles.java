package org.dynnd.governor.control;

/** Public access to the normal quantile used for confidences, for policies outside this package. */
public final class Quantiles {

    private Quantiles() {}

    /** The standard normal quantile of {@code p}, for example 2.326 for 0.99. */
    public static double normal(double p) {
        return NormalQuantile.of(p);
    }
}
