package org.dynnd.governor.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.control.SlowdownFilter;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;

/**
 * An ablation of dynnd towards POET, not POET itself (that is {@link PoetPolicy}): a POET-like controller (Imes et al., RTAS 2015) with no group knob: the full model always,
 * and configurations (unit, frequency) described by speedup and power as in POET's tables. A
 * Kalman filter estimates the workload's base speed; a deadbeat step computes the speedup that
 * makes the mean latency equal the latency budget; the period is split between the two
 * configurations of the lower convex hull (speedup, power) that bracket that speedup, which is
 * POET's minimum-energy mix. Like POET it controls the mean, so the inferences of the slower
 * configuration of a split may miss a per-inference budget, and it has no power cap.
 */
public final class PoetAblationPolicy implements Policy {

    private final OpSpace space;
    private final Profile profile;
    private final int[] hull;
    private final SlowdownFilter filter = new SlowdownFilter(2e-4, 0, Double.POSITIVE_INFINITY, 0.01);

    public PoetAblationPolicy(Profile profile) {
        this.profile = profile;
        this.space = profile.space();
        int k = space.maxK();
        List<Integer> configs = new ArrayList<>();
        for (int i = 0; i < space.size(); i++) {
            if (space.k(i) == k) {
                configs.add(i);
            }
        }
        // speedup is 1/latency; lower hull of power over speed, as POET's configuration filter.
        configs.sort(Comparator.comparingDouble(i -> 1 / profile.latencyMs(i)));
        List<Integer> h = new ArrayList<>();
        for (int i : configs) {
            while (h.size() >= 2 && !convex(h.get(h.size() - 2), h.get(h.size() - 1), i)) {
                h.remove(h.size() - 1);
            }
            if (!h.isEmpty() && profile.busyPowerW(i) <= profile.busyPowerW(h.get(h.size() - 1))) {
                h.remove(h.size() - 1); // a faster configuration with no more power dominates
            }
            h.add(i);
        }
        hull = h.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean convex(int a, int b, int c) {
        double xa = 1 / profile.latencyMs(a), xb = 1 / profile.latencyMs(b), xc = 1 / profile.latencyMs(c);
        double ya = profile.busyPowerW(a), yb = profile.busyPowerW(b), yc = profile.busyPowerW(c);
        return (xb - xa) * (yc - ya) - (yb - ya) * (xc - xa) > 0;
    }

    @Override
    public String name() {
        return "poet-ablation";
    }

    @Override
    public Decision decide(Observation last, PeriodTruth truth) {
        double sum = 0;
        int n = 0;
        for (Observation.Segment s : last.segments()) {
            for (double t : s.latenciesMs()) {
                sum += Math.log(t / profile.latencyMs(s.op()));
                n++;
            }
        }
        if (n > 0) {
            filter.update(sum / n, 0.0025 / n);
        } else {
            filter.coast();
        }
        double slow = filter.factor();
        double target = last.budget().latencyMs();
        if (Double.isNaN(target)) {
            target = last.periodMs() / Math.max(1, n) * 0.9; // keep up with the requests
        }
        // Required speed 1/target; configuration i gives speed 1/(latency_i·slow).
        double needed = slow / target;
        int hi = -1;
        for (int i : hull) {
            if (1 / profile.latencyMs(i) >= needed) {
                hi = i;
                break;
            }
        }
        if (hi < 0) {
            return Decision.single(hull[hull.length - 1]);
        }
        int lo = -1;
        for (int i : hull) {
            if (1 / profile.latencyMs(i) < needed && space.unitOf(i) == space.unitOf(hi)) {
                lo = i;
            }
        }
        if (lo < 0) {
            return Decision.single(hi);
        }
        // Mean latency over the mix equals the target: x·t_hi + (1-x)·t_lo = target/slow.
        double tHi = profile.latencyMs(hi), tLo = profile.latencyMs(lo);
        double x = (tLo - target / slow) / (tLo - tHi);
        x = Math.max(0, Math.min(1, x));
        return x >= 1 ? Decision.single(hi)
                : new Decision(hi, lo, x, true, java.util.Set.of(), Double.NaN, Double.NaN, Double.NaN);
    }
}
