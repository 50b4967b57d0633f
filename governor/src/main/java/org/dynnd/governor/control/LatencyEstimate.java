package org.dynnd.governor.control;

import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * How much slower than the profile the board runs, per compute unit (or one for all), and how
 * single inferences spread around that: a {@link SlowdownFilter} on the log of measured over
 * profiled latency fed with each period's mean, the per-inference {@link LatencySpread}, and the
 * online refinement of the profiled latency of the points that ran.
 *
 * <p>The latency one inference stays under with the confidence is profile x exp(mean +
 * sqrt(z²·filter variance + tail²)): the filter's uncertainty about the slow-down and the
 * spread's tail at that point add as independent log-normal terms.
 */
final class LatencyEstimate {

    private final OpSpace space;
    private final Profile profile;
    private final boolean perUnit;
    private final SlowdownFilter[] filters;
    private final LatencySpread spread;
    /** Per unit, z² x the filter's variance: scratch of {@link #fill}. */
    private final double[] unitState;
    private double z;

    /** @param profile the controller's profile, whose latencies this refines */
    LatencyEstimate(Profile profile, ControllerConfig config) {
        this.space = profile.space();
        this.profile = profile;
        this.perUnit = config.perUnit();
        int units = space.units().size();
        filters = new SlowdownFilter[perUnit ? units : 1];
        for (int f = 0; f < filters.length; f++) {
            // The profile was just calibrated (each point the mean of several inferences): start
            // trusting it to about 2%.
            filters[f] = new SlowdownFilter(config.levelNoise(), config.slopeNoise(), config.jumpSigmas(), 5e-4);
        }
        spread = new LatencySpread(space, config.confidence());
        unitState = new double[units];
        z = NormalQuantile.of(config.confidence());
    }

    /** Bounds are asked for {@code confidence} from now on; what was learnt is kept. */
    void confidence(double confidence) {
        spread.confidence(confidence);
        z = NormalQuantile.of(confidence);
    }

    /** The latency filter of {@code unit} (shared by all units with a global estimate). */
    SlowdownFilter filter(int unit) {
        return filters[perUnit ? unit : 0];
    }

    /**
     * Learns from one period's latencies and refines the profile of the points that ran; returns
     * which units ran at least one inference.
     */
    boolean[] observe(Observation observation, double refineWeight) {
        int count = filters.length;
        double[] sum = new double[count];
        int[] samples = new int[count];
        boolean[] measuredUnit = new boolean[space.units().size()];
        for (Observation.Segment s : observation.segments()) {
            int unit = space.unitOf(s.op());
            int f = perUnit ? unit : 0;
            double expected = profile.latencyMs(s.op());
            double segSum = 0;
            int n = 0;
            for (double t : s.latenciesMs()) {
                if (t > 0 && Double.isFinite(t)) {
                    segSum += Math.log(t / expected);
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            measuredUnit[unit] = true;
            sum[f] += segSum;
            samples[f] += n;
            // Spread around each segment's own mean: a profile error of one point is not noise.
            spread.add(s.op(), s.latenciesMs());
        }
        spread.endPeriod();
        for (int f = 0; f < count; f++) {
            if (samples[f] == 0) {
                filters[f].coast();
                continue;
            }
            filters[f].update(sum[f] / samples[f], Math.max(spread.global(), 1e-6) / samples[f]);
        }
        refine(observation, refineWeight);
        return measuredUnit;
    }

    private void refine(Observation observation, double weight) {
        if (weight <= 0) {
            return;
        }
        for (Observation.Segment s : observation.segments()) {
            SlowdownFilter f = filter(space.unitOf(s.op()));
            // A step or an unsettled filter would put the interference into the profile.
            if (f.jumped() || f.logVariance() > 4 * spread.global() || s.latenciesMs().length == 0) {
                continue;
            }
            double logSum = 0;
            for (double t : s.latenciesMs()) {
                logSum += Math.log(t);
            }
            double typical = Math.exp(logSum / s.latenciesMs().length) / f.factor();
            profile.refine(s.op(), typical, Double.NaN, weight);
        }
    }

    /**
     * Fills the latency parts of {@code into}: per unit the typical slow-down and the mean factor
     * for busy time ({@code zAvg} standard deviations of the filter and of the spread averaged over
     * {@code perPeriod} inferences), per point the factor of the confidence bound.
     */
    void fill(PeriodEstimates into, double zAvg, double perPeriod) {
        double inferences = Math.max(1, perPeriod);
        for (int u = 0; u < unitState.length; u++) {
            SlowdownFilter lf = filter(u);
            double m = lf.logMean() + lf.logSlope();
            double v = lf.logVariance();
            // The period's busy time varies with the per-inference spread averaged over its inferences.
            into.latencyMean[u] = Math.exp(m + zAvg * Math.sqrt(v + spread.global() / inferences));
            into.typicalSlowdown[u] = Math.exp(m);
            unitState[u] = z * z * v;
        }
        spread.boundFactors(profile, into.typicalSlowdown, unitState, z, into.latencyQuantile);
    }

    /** Per point, the expected share of single inferences over {@code budgetMs} (0 without a budget), into {@code into.lateShare}. */
    void lateShares(PeriodEstimates into, double budgetMs) {
        for (int i = 0; i < into.lateShare.length; i++) {
            double typical = profile.latencyMs(i) * into.typicalSlowdown[space.unitOf(i)];
            into.lateShare[i] = Double.isNaN(budgetMs) ? 0 : spread.exceedance(i, typical, Math.log(budgetMs / typical));
        }
    }

    /** The latency one inference at {@code op} stays under with the confidence, in ms. */
    double boundMs(int op) {
        SlowdownFilter lf = filter(space.unitOf(op));
        double m = lf.logMean() + lf.logSlope();
        double typical = profile.latencyMs(op) * Math.exp(m);
        double tail = spread.tail(op, typical, z);
        return profile.latencyMs(op) * Math.exp(m + Math.sqrt(z * z * lf.logVariance() + tail * tail));
    }

    /** The bound at {@code op} with no slow-down on its unit (as the profile says), in ms. */
    double boundUnderProfileMs(int op) {
        double typical = profile.latencyMs(op);
        return typical * Math.exp(spread.tail(op, typical, z));
    }

    /** The learnt variance of the log latency of single inferences, all points pooled. */
    double globalSpread() {
        return spread.global();
    }

    /** The learnt variance of the log latency of single inferences at {@code op}. */
    double spreadAt(int op) {
        SlowdownFilter lf = filter(space.unitOf(op));
        return spread.at(op, profile.latencyMs(op) * Math.exp(lf.logMean() + lf.logSlope()));
    }
}
