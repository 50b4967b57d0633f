package org.dynnd.governor.control;

/**
 * A Kalman filter of one slow-down factor (measured / profiled, for latency or power), kept in
 * log space so that a factor and its inverse are equally easy to track.
 *
 * <p>The state is a level and a slope (a local linear trend), so a ramp such as thermal
 * throttling is followed without a steady lag. A measurement that lands more than
 * {@code jumpSigmas} predicted standard deviations away is taken as a step (a co-runner started
 * or stopped): the level's variance is reset so that the very next estimate follows the
 * measurement, instead of creeping towards it over many periods as a fixed-gain filter does.
 * Disabling the trend and the jump test gives the plain random-walk filter ALERT uses.
 */
public final class SlowdownFilter {

    private final double levelNoise;
    private final double slopeNoise;
    private final double jumpSigmas;
    private final int confirm;
    private int suspectSign;
    private int suspectCount;
    private final double maxVariance;
    private final double coastVariance;
    private double level;
    private double slope;
    private double p00;
    private double p01;
    private double p11;
    private boolean jumped;

    /**
     * @param levelNoise process variance of the log level per period
     * @param slopeNoise process variance of the log slope per period; 0 disables the trend
     * @param jumpSigmas innovation, in standard deviations, taken as a step; infinite disables it
     * @param initialVariance variance of the log level before the first measurement
     */
    public SlowdownFilter(double levelNoise, double slopeNoise, double jumpSigmas, double initialVariance) {
        this(levelNoise, slopeNoise, jumpSigmas, initialVariance, 1);
    }

    /**
     * As above, with {@code confirm} consecutive outliers on the same side needed before a step
     * is taken; the outliers before the last are left out (a sensor's occasional wild reading
     * must not throw the estimate around, at the price of {@code confirm - 1} periods of delay).
     */
    public SlowdownFilter(double levelNoise, double slopeNoise, double jumpSigmas, double initialVariance,
            int confirm) {
        if (confirm < 1) {
            throw new IllegalArgumentException("a step needs at least one outlier to be confirmed, got " + confirm);
        }
        this.confirm = confirm;
        if (!(levelNoise >= 0 && slopeNoise >= 0 && jumpSigmas > 0 && initialVariance > 0)) {
            throw new IllegalArgumentException("filter noises must be non-negative, jump threshold and initial variance"
                    + " positive");
        }
        this.levelNoise = levelNoise;
        this.slopeNoise = slopeNoise;
        this.jumpSigmas = jumpSigmas;
        this.maxVariance = Math.max(initialVariance, 1.0);
        this.coastVariance = initialVariance;
        this.p00 = initialVariance;
        this.p11 = slopeNoise > 0 ? slopeNoise * 10 : 0;
    }

    /**
     * Advances one period without a measurement (the unit did not run): no trend, and more doubt,
     * but never more than before the first measurement: an unused unit must stay choosable, or
     * it could never be measured again.
     */
    public void coast() {
        slope = 0;
        p01 = 0;
        p11 = slopeNoise > 0 ? slopeNoise * 10 : 0;
        p00 = Math.max(p00, Math.min(coastVariance, p00 + levelNoise));
        jumped = false;
    }

    /**
     * Advances one period and folds in a measured log slow-down {@code z} whose variance is
     * {@code measurementVariance}.
     */
    public void update(double z, double measurementVariance) {
        // predict: x = F x, P = F P F' + Q with F = [[1, 1], [0, 1]]
        level += slope;
        double n00 = p00 + 2 * p01 + p11 + levelNoise;
        double n01 = p01 + p11;
        double n11 = p11 + slopeNoise;
        double r = Math.max(measurementVariance, 1e-12);
        double innovation = z - level;
        double s = n00 + r;
        boolean outlier = innovation * innovation > jumpSigmas * jumpSigmas * s;
        int sign = innovation > 0 ? 1 : -1;
        if (outlier) {
            suspectCount = sign == suspectSign ? suspectCount + 1 : 1;
            suspectSign = sign;
        } else {
            suspectCount = 0;
            suspectSign = 0;
        }
        jumped = outlier && suspectCount >= confirm;
        if (outlier && !jumped) {
            // Not yet believed: keep the prediction, leave the measurement out.
            p00 = Math.min(maxVariance, n00);
            p01 = n01;
            p11 = n11;
            return;
        }
        if (jumped) {
            suspectCount = 0;
            suspectSign = 0;
            // A step: forget the level's history and the trend, keep the measurement's weight.
            n00 = Math.max(n00, innovation * innovation);
            n01 = 0;
            n11 = slopeNoise > 0 ? slopeNoise * 10 : 0;
            slope = 0;
            s = n00 + r;
        }
        double k0 = n00 / s;
        double k1 = n01 / s;
        level += k0 * innovation;
        slope += k1 * innovation;
        p00 = Math.min(maxVariance, (1 - k0) * n00);
        p01 = (1 - k0) * n01;
        p11 = n11 - k1 * n01;
    }

    /**
     * Takes {@code z} (variance {@code variance}) as the new level, as a confirmed step does:
     * evidence gathered elsewhere (several probes' power, attributed within mixed periods) says
     * the level moved.
     */
    public void restart(double z, double variance) {
        level = z;
        slope = 0;
        p00 = Math.min(maxVariance, Math.max(variance, 1e-12));
        p01 = 0;
        p11 = slopeNoise > 0 ? slopeNoise * 10 : 0;
        suspectCount = 0;
        suspectSign = 0;
        jumped = true;
    }

    /** The estimated log slow-down. */
    public double logMean() {
        return level;
    }

    /** The variance of {@link #logMean()}. */
    public double logVariance() {
        return p00;
    }

    /** The estimated slow-down factor (1 = as profiled). */
    public double factor() {
        return Math.exp(level);
    }

    /** The estimated change of the log slow-down per period. */
    public double logSlope() {
        return slope;
    }

    /** Whether the last update was taken as a step. */
    public boolean jumped() {
        return jumped;
    }
}
