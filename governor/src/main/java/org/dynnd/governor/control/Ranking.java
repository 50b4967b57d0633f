package org.dynnd.governor.control;

import org.dynnd.governor.profile.Profile;

/**
 * Orders operating points and decisions by a budget's objective over one period's
 * {@link PointEvaluation}: for max-accuracy accuracy first, then energy; for min-energy energy
 * first, then accuracy.
 */
final class Ranking {

    private final Profile profile;
    private final PointEvaluation points;
    private final boolean maxAccuracy;
    private final boolean saturated;

    /** @param saturated whether the client waits on the service (see {@link Selector.Input#saturated}) */
    Ranking(Profile profile, PointEvaluation points, Objective objective, boolean saturated) {
        this.profile = profile;
        this.points = points;
        this.maxAccuracy = objective == Objective.MAX_ACCURACY;
        this.saturated = saturated;
    }

    /** The objective's first criterion at {@code i}, larger is better. */
    double primary(int i) {
        return maxAccuracy ? profile.accuracyPercent(i) : -points.energy[i];
    }

    private double secondary(int i) {
        return maxAccuracy ? -points.energy[i] : profile.accuracyPercent(i);
    }

    /** Whether point {@code i} is better than point {@code j}. */
    boolean better(int i, int j) {
        double a = primary(i);
        double b = primary(j);
        double eps = 1e-9 * Math.max(1.0, Math.abs(b));
        if (a > b + eps) {
            return true;
        }
        if (a < b - eps) {
            return false;
        }
        if (saturated && points.overloaded[i] != points.overloaded[j]) {
            // At equal objective, keep the throughput the client gets now.
            return !points.overloaded[i];
        }
        return secondary(i) > secondary(j);
    }

    /** The first criterion of a decision, averaged over a split. */
    double value(Decision d) {
        return d.isSplit() ? d.primaryShare() * primary(d.primary()) + (1 - d.primaryShare()) * primary(d.secondary())
                : primary(d.primary());
    }

    private double energyOf(Decision d) {
        double[] energy = points.energy;
        return d.isSplit() ? d.primaryShare() * energy[d.primary()] + (1 - d.primaryShare()) * energy[d.secondary()]
                : energy[d.primary()];
    }

    /**
     * Whether {@code candidate} is worth leaving {@code current} for: for max-accuracy by more than
     * {@code accuracyBand} points, or at no loss of accuracy by {@code energyBand} of the energy;
     * for min-energy by {@code energyBand} of the energy.
     */
    boolean improves(Decision candidate, Decision current, double accuracyBand, double energyBand) {
        double c = value(candidate);
        double k = value(current);
        if (maxAccuracy) {
            return c > k + accuracyBand
                    || (c >= k - 1e-9 && energyOf(candidate) < energyOf(current) * (1 - energyBand));
        }
        return -c < -k * (1 - energyBand);
    }
}
