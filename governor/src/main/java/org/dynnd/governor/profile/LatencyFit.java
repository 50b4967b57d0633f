package org.dynnd.governor.profile;

/**
 * The least-squares fit of t = a/f + b: the part of an inference's time that scales with the
 * clock (a) and the part that does not (b, memory stalls and framework overhead).
 *
 * @param a the frequency-bound work, in ms x kHz
 * @param b the frequency-independent time, in ms
 */
public record LatencyFit(double a, double b) {

    /** The fitted latency at {@code frequencyKHz}, in ms. */
    public double latencyMs(double frequencyKHz) {
        return a / frequencyKHz + b;
    }

    /**
     * Fits t = a/f + b to paired samples. With a single distinct frequency the fit is t = a/f
     * (b = 0). A negative intercept, which noise can produce, is clamped to 0 and a refitted.
     */
    public static LatencyFit fit(double[] frequencyKHz, double[] latencyMs) {
        int n = frequencyKHz.length;
        if (n == 0 || n != latencyMs.length) {
            throw new IllegalArgumentException("a latency fit needs as many frequencies as latencies, at least one; got "
                    + n + " and " + latencyMs.length);
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            if (!(frequencyKHz[i] > 0) || !(latencyMs[i] > 0)) {
                throw new IllegalArgumentException("sample " + i + ": frequency and latency must be positive, got "
                        + frequencyKHz[i] + " kHz, " + latencyMs[i] + " ms");
            }
            double x = 1.0 / frequencyKHz[i];
            sx += x;
            sy += latencyMs[i];
            sxx += x * x;
            sxy += x * latencyMs[i];
        }
        double det = n * sxx - sx * sx;
        if (det > 1e-12 * n * sxx) {
            double a = (n * sxy - sx * sy) / det;
            double b = (sy - a * sx) / n;
            if (b >= 0 && a > 0) {
                return new LatencyFit(a, b);
            }
            if (a <= 0) {
                // Latency that does not fall with frequency: all of it is frequency-independent.
                return new LatencyFit(0, sy / n);
            }
        }
        return new LatencyFit(sxy / sxx, 0);
    }
}
