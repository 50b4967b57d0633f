package org.dynnd.governor.control;

import java.util.Arrays;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * Chooses the operating point (or the split between two) for one period from a profile and
 * slow-down factors: a few linear scans over the OP space. The figures of every point are a
 * {@link PointEvaluation}; the objective's order is a {@link Ranking}; a budget no choice meets
 * goes to the {@link Relaxation}.
 *
 * <p>Per operating point i on unit u, with request rate r:
 * <ul>
 *   <li>latency of one inference at the chosen confidence: profile latency x {@code latencyQuantile[i]};
 *   <li>utilisation r x profile latency x {@code latencyMean[u]} (above 1 the unit cannot keep up,
 *       which counts against the latency constraint even without a latency budget);
 *   <li>average power: utilisation x busy power + (1 - utilisation) x idle power, times {@code power[u]};
 *   <li>energy per inference: average power / r.
 * </ul>
 * Power, energy and accuracy are averages over the period, so a split of the inferences between a
 * better point that breaks one of them and the best feasible point can meet them exactly;
 * latency holds per inference, so both points of a split must meet it.
 */
public final class Selector {

    private static final int LATENCY = Constraint.LATENCY.bit();

    private final Profile profile;
    private final OpSpace space;
    private final PointEvaluation scratch;
    private final SplitShares shares;
    private final Relaxation relaxation;

    public Selector(Profile profile) {
        this.profile = profile;
        this.space = profile.space();
        scratch = new PointEvaluation(profile);
        shares = new SplitShares(profile);
        relaxation = new Relaxation(profile);
    }

    /**
     * Everything one selection depends on besides the profile.
     *
     * @param latencyQuantile per operating point, the factor on its profiled latency that one
     *     inference stays under with the configured confidence (the spread differs between points)
     * @param latencyMean per unit, the factor on profiled latency for utilisation and energy
     * @param power per unit, the factor on profiled power
     * @param requestsPerMs the request rate (inferences per ms); must be positive
     * @param requestsPerPeriod expected inferences per period, to round split shares to whole
     *     inferences (0 leaves shares continuous)
     * @param budget the budget
     * @param precedence the order constraints give way in
     * @param allowSplit whether a period may be split between two operating points
     * @param allowed which operating points the actuators can reach (null: all)
     * @param closedLoopShare NaN when the request rate is a demand to keep up with (open loop);
     *     otherwise the client waits on the service (the unit was busy nearly all of the last
     *     periods) and this is the share of time it keeps the unit busy at any point: the request
     *     rate measured is then the current point's service rate, each point serves this share over
     *     its own latency, and one slower than now serves fewer inferences instead of missing a
     *     constraint (it is avoided only where the objective does not suffer)
     * @param lateShare per operating point, the expected share of its inferences over the latency
     *     budget, or null: when no point meets the latency with the confidence, points whose late
     *     shares differ by less than {@link Relaxation#LATE_SHARE_TOLERANCE} count as equally late, and the
     *     constraints after latency decide between them
     */
    public record Input(double[] latencyQuantile, double[] latencyMean, double[] power, double requestsPerMs,
            double requestsPerPeriod, Budget budget, Precedence precedence, boolean allowSplit, boolean[] allowed,
            double closedLoopShare, double[] lateShare) {

        /** Input without per-point late shares: an infeasible latency gives way by its bound's excess. */
        public Input(double[] latencyQuantile, double[] latencyMean, double[] power, double requestsPerMs,
                double requestsPerPeriod, Budget budget, Precedence precedence, boolean allowSplit, boolean[] allowed,
                double closedLoopShare) {
            this(latencyQuantile, latencyMean, power, requestsPerMs, requestsPerPeriod, budget, precedence, allowSplit,
                    allowed, closedLoopShare, null);
        }

        /** Input of an open-loop workload: the request rate is a demand to keep up with. */
        public Input(double[] latencyQuantile, double[] latencyMean, double[] power, double requestsPerMs,
                double requestsPerPeriod, Budget budget, Precedence precedence, boolean allowSplit, boolean[] allowed) {
            this(latencyQuantile, latencyMean, power, requestsPerMs, requestsPerPeriod, budget, precedence, allowSplit,
                    allowed, Double.NaN);
        }

        /** Whether the client waits on the service: see {@code closedLoopShare}. */
        public boolean saturated() {
            return !Double.isNaN(closedLoopShare);
        }
    }

    /** Selects without hysteresis. */
    public Decision select(Input in) {
        return select(in, -1, -1, 0, 0);
    }

    /**
     * Selects, keeping the previous choice ({@code prevPrimary}, {@code prevSecondary}) while it
     * is still feasible and the best choice improves the objective by less than the bands: for
     * max-accuracy {@code accuracyBand} points (or, at no loss of accuracy, {@code energyBand} of
     * the energy), for min-energy {@code energyBand} of the energy.
     */
    public Decision select(Input in, int prevPrimary, int prevSecondary, double accuracyBand, double energyBand) {
        scratch.evaluate(in);
        return select(in, scratch, prevPrimary, prevSecondary, accuracyBand, energyBand);
    }

    /** As {@link #select(Input, int, int, double, double)}, over figures already evaluated for {@code in}. */
    Decision select(Input in, PointEvaluation points, int prevPrimary, int prevSecondary, double accuracyBand,
            double energyBand) {
        int active = points.active();
        int[] mask = points.mask;
        Ranking rank = new Ranking(profile, points, in.budget().objective(), in.saturated());
        Decision best = bestFeasible(in, points, rank);
        if (best == null && in.allowSplit()) {
            best = bestPairOfInfeasibles(in, points, rank);
        }
        if (best == null) {
            return relaxation.relax(in, points, rank);
        }
        if (prevPrimary >= 0 && allowed(in, prevPrimary) && (prevSecondary < 0 || allowed(in, prevSecondary))) {
            Decision kept = prevSecondary < 0
                    ? ((mask[prevPrimary] & active) == 0 ? points.single(prevPrimary) : null)
                    : pair(in, points, prevPrimary, prevSecondary);
            // The accuracy band damps switching where a constraint trades accuracy away. Where
            // nothing does (the best choice is the most accurate allowed point: no budget, or one
            // that does not bind), there is nothing to oscillate around, and keeping a previous
            // split or a lower k within the band would only cost accuracy for as long as the
            // budget stays loose.
            double band = accuracyBand;
            if (in.budget().objective() == Objective.MAX_ACCURACY && !best.isSplit()
                    && profile.accuracyPercent(best.primary()) >= topAccuracy(in) - 1e-9) {
                band = 0;
            }
            if (kept != null && !rank.improves(best, kept, band, energyBand)) {
                return kept;
            }
        }
        return best;
    }

    private double topAccuracy(Input in) {
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < space.size(); i++) {
            if (allowed(in, i)) {
                top = Math.max(top, profile.accuracyPercent(i));
            }
        }
        return top;
    }

    static boolean allowed(Input in, int op) {
        return in.allowed() == null || in.allowed()[op];
    }

    /** The best point that meets everything, or a split of it with a better point of its unit; null when none. */
    private Decision bestFeasible(Input in, PointEvaluation points, Ranking rank) {
        int active = points.active();
        int[] mask = points.mask;
        int best = -1;
        int n = space.size();
        for (int i = 0; i < n; i++) {
            if ((mask[i] & active) == 0 && allowed(in, i) && (best < 0 || rank.better(i, best))) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        Decision result = points.single(best);
        if (!in.allowSplit()) {
            return result;
        }
        int unit = space.unitOf(best);
        double bestValue = rank.primary(best);
        for (int a = 0; a < n; a++) {
            if (space.unitOf(a) != unit || (mask[a] & active & LATENCY) != 0 || !allowed(in, a)
                    || rank.primary(a) <= rank.primary(best)) {
                continue;
            }
            double x = shares.largest(points, in.budget(), active, a, best, in.requestsPerPeriod());
            double value = x * rank.primary(a) + (1 - x) * rank.primary(best);
            if (x > 0 && x < 1 && value > bestValue + 1e-12) {
                bestValue = value;
                result = points.mix(a, best, x);
            }
        }
        return result;
    }

    /**
     * No single point meets everything, but two may on average: one under the power cap and the
     * other over the accuracy floor, say. Tries every pair of the least-power point meeting the
     * latency per (unit, k), so a few dozen pairs, not all of them.
     */
    private Decision bestPairOfInfeasibles(Input in, PointEvaluation points, Ranking rank) {
        int active = points.active();
        int n = space.size();
        int ks = space.ks().length;
        int[] candidate = new int[space.units().size() * ks];
        Arrays.fill(candidate, -1);
        for (int i = 0; i < n; i++) {
            if ((points.mask[i] & active & LATENCY) != 0 || !allowed(in, i)) {
                continue;
            }
            int slot = space.unitOf(i) * ks + space.kIndex(space.k(i));
            if (candidate[slot] < 0 || points.power[i] < points.power[candidate[slot]]) {
                candidate[slot] = i;
            }
        }
        Decision best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int x = 0; x < candidate.length; x++) {
            for (int y = x + 1; y < candidate.length; y++) {
                int a = candidate[x];
                int b = candidate[y];
                if (a < 0 || b < 0 || space.unitOf(a) != space.unitOf(b)) {
                    continue;
                }
                double share = shares.within(points, in.budget(), active, a, b, in.requestsPerPeriod(),
                        rank.primary(a) >= rank.primary(b));
                if (Double.isNaN(share)) {
                    continue;
                }
                Decision d = points.mix(a, b, share);
                if (rank.value(d) > bestValue) {
                    bestValue = rank.value(d);
                    best = d;
                }
            }
        }
        return best;
    }

    /** The previous split {@code a}/{@code b} at the largest share of a the budget allows now, or null. */
    private Decision pair(Input in, PointEvaluation points, int a, int b) {
        int active = points.active();
        int[] mask = points.mask;
        if ((mask[b] & active) != 0 || (mask[a] & active & LATENCY) != 0 || space.unitOf(a) != space.unitOf(b)) {
            return null;
        }
        double x = shares.largest(points, in.budget(), active, a, b, in.requestsPerPeriod());
        return x > 0 && x < 1 ? points.mix(a, b, x) : null;
    }
}
