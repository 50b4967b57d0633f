package org.dynnd.governor.control;

import java.util.EnumSet;
import java.util.List;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * Chooses the operating point (or the split between two) for one period from a profile and
 * slow-down factors: a few linear scans over the OP space with no allocation but the answer.
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
    /**
     * Late shares closer than this count as equal when the latency budget is given up: where
     * preemptions make some inferences late at any point, a point of fewer groups was chosen for a
     * bound a little lower and the accuracy floor lost, for no fewer late inferences.
     */
    public static final double LATE_SHARE_TOLERANCE = 0.005;
    /**
     * Late shares decide how a latency budget gives way only while some point keeps most
     * inferences in time. Beyond it (a budget no point comes near, such as 1 ms) every point is
     * late nearly always, the shares tie, and ranking by them would let the objective pick the
     * slowest point: there the bound's excess decides, so the client is served as fast as the
     * board can.
     */
    static final double SHARE_DECIDES_BELOW = 0.5;

    private final Profile profile;
    private final OpSpace space;
    private final double[] latQ;
    private final double[] util;
    private final double[] power;
    private final double[] energy;
    private final int[] mask;
    private final boolean[] overloaded;
    private final PointEvaluation points;
    private final SplitShares shares;
    private Budget budget;
    private boolean saturated;

    public Selector(Profile profile) {
        this.profile = profile;
        this.space = profile.space();
        points = new PointEvaluation(profile);
        latQ = points.latQ;
        util = points.util;
        power = points.power;
        energy = points.energy;
        mask = points.mask;
        overloaded = points.overloaded;
        shares = new SplitShares(profile, power, energy);
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
     *     shares differ by less than {@link #LATE_SHARE_TOLERANCE} count as equally late, and the
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
        budget = in.budget();
        int active = points.evaluate(in);
        saturated = in.saturated();
        Decision best = bestFeasible(in, active);
        if (best == null && in.allowSplit()) {
            best = bestPairOfInfeasibles(in, active);
        }
        if (best == null) {
            return relax(in, active);
        }
        if (prevPrimary >= 0 && allowed(in, prevPrimary) && (prevSecondary < 0 || allowed(in, prevSecondary))) {
            Decision kept = prevSecondary < 0
                    ? ((mask[prevPrimary] & active) == 0 ? single(prevPrimary) : null)
                    : pair(in, active, prevPrimary, prevSecondary);
            // The accuracy band damps switching where a constraint trades accuracy away. Where
            // nothing does (the best choice is the most accurate allowed point: no budget, or one
            // that does not bind), there is nothing to oscillate around, and keeping a previous
            // split or lower k within the band would only cost accuracy (after a release it kept
            // a k=3/k=4 split 0.15 points below k=4 for as long as the budget stayed released).
            double band = accuracyBand;
            if (budget.objective() == Objective.MAX_ACCURACY && !best.isSplit()
                    && profile.accuracyPercent(best.primary()) >= topAccuracy(in) - 1e-9) {
                band = 0;
            }
            if (kept != null && !improves(best, kept, band, energyBand)) {
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

    private static boolean allowed(Input in, int op) {
        return in.allowed() == null || in.allowed()[op];
    }

    private double obj1(int i) {
        return budget.objective() == Objective.MAX_ACCURACY ? profile.accuracyPercent(i) : -energy[i];
    }

    private double obj2(int i) {
        return budget.objective() == Objective.MAX_ACCURACY ? -energy[i] : profile.accuracyPercent(i);
    }

    private boolean better(int i, int j) {
        double a = obj1(i), b = obj1(j);
        double eps = 1e-9 * Math.max(1.0, Math.abs(b));
        if (a > b + eps) {
            return true;
        }
        if (a < b - eps) {
            return false;
        }
        if (saturated && overloaded[i] != overloaded[j]) {
            // At equal objective, keep the throughput the client gets now.
            return !overloaded[i];
        }
        return obj2(i) > obj2(j);
    }

    private Decision bestFeasible(Input in, int active) {
        int best = -1;
        int n = space.size();
        for (int i = 0; i < n; i++) {
            if ((mask[i] & active) == 0 && allowed(in, i) && (best < 0 || better(i, best))) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        Decision result = single(best);
        if (!in.allowSplit()) {
            return result;
        }
        int unit = space.unitOf(best);
        double bestValue = obj1(best);
        for (int a = 0; a < n; a++) {
            if (space.unitOf(a) != unit || (mask[a] & active & LATENCY) != 0 || !allowed(in, a)
                    || obj1(a) <= obj1(best)) {
                continue;
            }
            double x = share(in, active, a, best);
            double value = x * obj1(a) + (1 - x) * obj1(best);
            if (x > 0 && x < 1 && value > bestValue + 1e-12) {
                bestValue = value;
                result = mix(a, best, x);
            }
        }
        return result;
    }

    /**
     * No single point meets everything, but two may on average: one under the power cap and the
     * other over the accuracy floor, say. Tries every pair of the least-power point meeting the
     * latency per (unit, k), so a few dozen pairs, not all of them.
     */
    private Decision bestPairOfInfeasibles(Input in, int active) {
        int n = space.size();
        int ks = space.ks().length;
        int[] candidate = new int[space.units().size() * ks];
        java.util.Arrays.fill(candidate, -1);
        for (int i = 0; i < n; i++) {
            if ((mask[i] & active & LATENCY) != 0 || !allowed(in, i)) {
                continue;
            }
            int slot = space.unitOf(i) * ks + space.kIndex(space.k(i));
            if (candidate[slot] < 0 || power[i] < power[candidate[slot]]) {
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
                Decision d = mixWithin(in, active, a, b);
                if (d != null && value(d) > bestValue) {
                    bestValue = value(d);
                    best = d;
                }
            }
        }
        return best;
    }

    /** The best share of {@code a} (the rest on {@code b}) meeting every averaged constraint, or null. */
    private Decision mixWithin(Input in, int active, int a, int b) {
        double x = shares.within(in.budget(), active, a, b, in.requestsPerPeriod(), obj1(a) >= obj1(b));
        return Double.isNaN(x) ? null : mix(a, b, x);
    }

    /** The largest share of inferences on {@code a} that keeps the averaged constraints with {@code b}. */
    private double share(Input in, int active, int a, int b) {
        return shares.largest(in.budget(), active, a, b, in.requestsPerPeriod());
    }

    private Decision pair(Input in, int active, int a, int b) {
        if ((mask[b] & active) != 0 || (mask[a] & active & LATENCY) != 0 || space.unitOf(a) != space.unitOf(b)) {
            return null;
        }
        double x = share(in, active, a, b);
        return x > 0 && x < 1 ? mix(a, b, x) : null;
    }

    private boolean improves(Decision candidate, Decision current, double accuracyBand, double energyBand) {
        double c = value(candidate);
        double k = value(current);
        if (budget.objective() == Objective.MAX_ACCURACY) {
            return c > k + accuracyBand
                    || (c >= k - 1e-9 && energyOf(candidate) < energyOf(current) * (1 - energyBand));
        }
        return -c < -k * (1 - energyBand);
    }

    private double value(Decision d) {
        return d.isSplit() ? d.primaryShare() * obj1(d.primary()) + (1 - d.primaryShare()) * obj1(d.secondary())
                : obj1(d.primary());
    }

    private double energyOf(Decision d) {
        return d.isSplit() ? d.primaryShare() * energy[d.primary()] + (1 - d.primaryShare()) * energy[d.secondary()]
                : energy[d.primary()];
    }

    private Decision single(int op) {
        return new Decision(op, -1, 1.0, true, EnumSet.noneOf(Constraint.class), power[op], energy[op],
                profile.accuracyPercent(op));
    }

    private Decision mix(int a, int b, double x) {
        return new Decision(a, b, x, true, EnumSet.noneOf(Constraint.class), x * power[a] + (1 - x) * power[b],
                x * energy[a] + (1 - x) * energy[b],
                x * profile.accuracyPercent(a) + (1 - x) * profile.accuracyPercent(b));
    }

    /** Whether this decision's latency gives way by late share (see {@link #SHARE_DECIDES_BELOW}). */
    private boolean latenessByShare;

    /** No operating point meets everything: give way in the precedence order (see {@link Precedence}). */
    private Decision relax(Input in, int active) {
        List<Constraint> order = in.precedence().order();
        int[] activeOrder = new int[order.size()];
        int count = 0;
        for (Constraint c : order) {
            if ((active & c.bit()) != 0) {
                activeOrder[count++] = c.bit();
            }
        }
        int n = space.size();
        latenessByShare = false;
        if (in.lateShare() != null) {
            double leastShare = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (allowed(in, i)) {
                    leastShare = Math.min(leastShare, in.lateShare()[i]);
                }
            }
            latenessByShare = leastShare <= SHARE_DECIDES_BELOW;
        }
        for (int j = count - 1; j >= 0; j--) {
            int keep = 0;
            for (int i = 0; i < j; i++) {
                keep |= activeOrder[i];
            }
            int dropped = activeOrder[j];
            int best = -1;
            double bestRest = Double.POSITIVE_INFINITY;
            // The least violation of the dropped constraint first; every point within the tolerance
            // of it then counts as violating it as little (so a chain of near ties cannot drift).
            double least = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if ((mask[i] & keep) == 0 && allowed(in, i)) {
                    least = Math.min(least, violation(i, dropped, in));
                }
            }
            double tolerance = dropped == LATENCY && latenessByShare ? LATE_SHARE_TOLERANCE : 1e-12;
            for (int i = 0; i < n; i++) {
                if ((mask[i] & keep) != 0 || !allowed(in, i)) {
                    continue;
                }
                if (violation(i, dropped, in) > least + tolerance) {
                    continue;
                }
                double rest = 0;
                for (int l = j + 1; l < count; l++) {
                    rest += violation(i, activeOrder[l], in);
                }
                if (best < 0 || rest < bestRest - 1e-12 || (rest <= bestRest + 1e-12 && better(i, best))) {
                    best = i;
                    bestRest = rest;
                }
            }
            if (best >= 0) {
                EnumSet<Constraint> unmet = EnumSet.noneOf(Constraint.class);
                for (Constraint c : Constraint.values()) {
                    if ((mask[best] & active & c.bit()) != 0) {
                        unmet.add(c);
                    }
                }
                return new Decision(best, -1, 1.0, false, unmet, power[best], energy[best],
                        profile.accuracyPercent(best));
            }
        }
        throw new IllegalStateException("no operating point is reachable: every knob is marked unavailable");
    }

    private double violation(int i, int bit, Input in) {
        Budget b = in.budget();
        if (bit == LATENCY) {
            double over = Double.isNaN(b.latencyMs()) ? 0
                    : latenessByShare ? in.lateShare()[i] : Math.max(0, latQ[i] / b.latencyMs() - 1);
            return util[i] > 1 && !saturated ? 1e3 + util[i] + over : over;
        }
        if (bit == Constraint.POWER.bit()) {
            return Math.max(0, power[i] / b.powerW() - 1);
        }
        if (bit == Constraint.ENERGY.bit()) {
            return Math.max(0, energy[i] / b.energyMj() - 1);
        }
        return Math.max(0, (b.minAccuracyPercent() - profile.accuracyPercent(i)) / b.minAccuracyPercent());
    }

    /** Expected average power of {@code op} in the last selection, in W (for probes and tests). */
    public double lastPowerW(int op) {
        return power[op];
    }

    /** Expected energy per inference served at {@code op} in the last selection, in mJ (for probes). */
    double lastEnergyMj(int op) {
        return energy[op];
    }

    /** Violation bits of {@code op} in the last selection. */
    int lastMask(int op) {
        return mask[op];
    }
}
