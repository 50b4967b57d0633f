package org.dynnd.governor.control;

import java.util.EnumSet;
import java.util.List;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * The choice when no operating point (or split) meets the whole budget: constraints give way in
 * the precedence order (see {@link Precedence}), each as little as possible, the later ones
 * deciding between points that break it about equally.
 */
final class Relaxation {

    private static final int LATENCY = Constraint.LATENCY.bit();
    /**
     * Late shares closer than this count as equal when the latency budget is given up: where
     * preemptions make some inferences late at any point, a point of fewer groups would otherwise
     * win on a bound a little lower and the accuracy floor be lost, for no fewer late inferences.
     */
    static final double LATE_SHARE_TOLERANCE = 0.005;
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

    Relaxation(Profile profile) {
        this.profile = profile;
        this.space = profile.space();
    }

    /** The least-violating point for {@code in}, whose figures {@code points} holds. */
    Decision relax(Selector.Input in, PointEvaluation points, Ranking rank) {
        int active = points.active();
        int[] mask = points.mask;
        List<Constraint> order = in.precedence().order();
        int[] activeOrder = new int[order.size()];
        int count = 0;
        for (Constraint c : order) {
            if ((active & c.bit()) != 0) {
                activeOrder[count++] = c.bit();
            }
        }
        int n = space.size();
        boolean byShare = false;
        if (in.lateShare() != null) {
            double leastShare = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (Selector.allowed(in, i)) {
                    leastShare = Math.min(leastShare, in.lateShare()[i]);
                }
            }
            byShare = leastShare <= SHARE_DECIDES_BELOW;
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
                if ((mask[i] & keep) == 0 && Selector.allowed(in, i)) {
                    least = Math.min(least, violation(i, dropped, in, points, byShare));
                }
            }
            double tolerance = dropped == LATENCY && byShare ? LATE_SHARE_TOLERANCE : 1e-12;
            for (int i = 0; i < n; i++) {
                if ((mask[i] & keep) != 0 || !Selector.allowed(in, i)) {
                    continue;
                }
                if (violation(i, dropped, in, points, byShare) > least + tolerance) {
                    continue;
                }
                double rest = 0;
                for (int l = j + 1; l < count; l++) {
                    rest += violation(i, activeOrder[l], in, points, byShare);
                }
                if (best < 0 || rest < bestRest - 1e-12 || (rest <= bestRest + 1e-12 && rank.better(i, best))) {
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
                return new Decision(best, -1, 1.0, false, unmet, points.power[best], points.energy[best],
                        profile.accuracyPercent(best));
            }
        }
        throw new IllegalStateException("no operating point is reachable: every knob is marked unavailable");
    }

    /** How far point {@code i} breaks constraint {@code bit}, relative to the budget (0 when it keeps it). */
    private double violation(int i, int bit, Selector.Input in, PointEvaluation points, boolean byShare) {
        Budget b = in.budget();
        if (bit == LATENCY) {
            double over = Double.isNaN(b.latencyMs()) ? 0
                    : byShare ? in.lateShare()[i] : Math.max(0, points.latQ[i] / b.latencyMs() - 1);
            double util = points.util[i];
            return util > 1 && !in.saturated() ? 1e3 + util + over : over;
        }
        if (bit == Constraint.POWER.bit()) {
            return Math.max(0, points.power[i] / b.powerW() - 1);
        }
        if (bit == Constraint.ENERGY.bit()) {
            return Math.max(0, points.energy[i] / b.energyMj() - 1);
        }
        return Math.max(0, (b.minAccuracyPercent() - profile.accuracyPercent(i)) / b.minAccuracyPercent());
    }
}
