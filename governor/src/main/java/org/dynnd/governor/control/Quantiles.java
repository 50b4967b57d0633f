package org.dynnd.governor.control;

/** Public access to the normal quantile used for confidences and its distribution function, for policies outside this package. */
public final class Quantiles {

    private Quantiles() {}

    /** The standard normal quantile of {@code p}, for example 2.326 for 0.99. */
    public static double normal(double p) {
        return NormalQuantile.of(p);
    }


    /** The standard normal distribution function at {@code x}. */
    public static double normalCdf(double x) {
        return NormalQuantile.cdf(x);
    }
}
