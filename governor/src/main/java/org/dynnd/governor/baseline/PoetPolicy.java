package org.dynnd.governor.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;

/**
 * POET (Imes, Kim, Maggio, Hoffmann: "POET: A Portable Approach to Minimizing Energy Under Soft
 * Real-time Constraints", RTAS 2015), as libpoet 2.0.1 implements it ({@code src/poet.c},
 * {@code src/poet_constants.h}, github.com/libpoet/poet, commit 30e69b3), written anew in Java:
 * <ul>
 *   <li>Configurations are POET's control states: every (unit, frequency) with the full model (POET
 *       has no accuracy knob), with speedup = the slowest configuration's profiled latency over
 *       this one's and cost = its profiled busy power.
 *   <li>{@code estimate_base_workload}: a scalar Kalman filter of the base rate x (the rate at
 *       speedup 1) from the measured rate, with h = the last speedup asked for, Q = 1e-5,
 *       R = 0.01, x = 0.2 and P = 1 to start.
 *   <li>{@code calculate_xup} with the FAST constants (P1 = P2 = Z1 = 0, MU = 1): the speedup
 *       u = u_old + (goal - rate) / x, clamped to [1, the largest speedup].
 *   <li>{@code translate_n2_with_time}: every pair of an upper configuration (speedup at least
 *       u) and a lower one (at most u); the share of the period's iterations on the lower one,
 *       x = (s_up·s_lo - u·s_lo) / (s_up·u - u·s_lo), is truncated to whole iterations; the pair of
 *       least cost (lower iterations / s_lo x cost_lo + upper iterations / s_up x cost_up) wins.
 *   <li>{@code calculate_time_division}: the period's first iterations run on the lower
 *       configuration, the rest on the upper.
 * </ul>
 * The rate POET controls is a heartbeat rate; here a heartbeat is an inference and the rate is
 * inferences per second of busy time (1 / the period's mean latency), and the goal is
 * 1 / the latency budget, so POET holds the mean latency at the budget, as it holds an
 * application's mean heart rate at its goal; without a latency budget, the goal keeps up with the
 * requests (mean latency 0.9 x the period over its inferences). libpoet ignores the power
 * reading ({@code (void) pwr}) and so has no power cap; the control period is the period's
 * inferences.
 */
public final class PoetPolicy implements Policy {

    // poet_constants.h
    private static final double Q = 0.00001;
    private static final double R = 0.01;
    private static final double X_HAT_START = 0.2;
    private static final double P_START = 1.0;
    private static final double E_START = 1.0;

    private final OpSpace space;
    private final int[] configs;
    private final double[] speedup;
    private final double[] cost;
    private final double umax;
    // estimate_base_workload's filter
    private double xHat = X_HAT_START;
    private double p = P_START;
    // calculate_xup's state
    private double u;
    private double uo;
    private double e = E_START;
    private int period = 1;

    public PoetPolicy(Profile profile) {
        this.space = profile.space();
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < space.size(); i++) {
            if (space.k(i) == space.maxK()) {
                list.add(i);
            }
        }
        configs = list.stream().mapToInt(Integer::intValue).toArray();
        double slowest = 0;
        for (int i : configs) {
            slowest = Math.max(slowest, profile.latencyMs(i));
        }
        speedup = new double[configs.length];
        cost = new double[configs.length];
        double max = 1;
        int fastest = 0;
        for (int c = 0; c < configs.length; c++) {
            speedup[c] = slowest / profile.latencyMs(configs[c]);
            cost[c] = profile.busyPowerW(configs[c]);
            if (speedup[c] >= max) {
                max = speedup[c];
                fastest = c;
            }
        }
        umax = max;
        // libpoet starts from the current (or else the highest) state: here the fastest.
        u = speedup[fastest];
        uo = u;
    }

    @Override
    public String name() {
        return "poet";
    }

    @Override
    public Decision decide(Observation last, PeriodTruth truth) {
        double busyMs = 0;
        int n = 0;
        for (Observation.Segment s : last.segments()) {
            for (double t : s.latenciesMs()) {
                busyMs += t;
                n++;
            }
        }
        if (n > 0) {
            period = n;
            double rate = n / (busyMs / 1000);
            double goalLatencyMs = last.budget().latencyMs();
            if (Double.isNaN(goalLatencyMs)) {
                goalLatencyMs = 0.9 * last.periodMs() / n;
            }
            double goal = 1000 / goalLatencyMs;
            double w = estimateBaseWorkload(rate, u);
            calculateXup(rate, goal, w);
        }
        return translate();
    }

    /** libpoet's estimate_base_workload: returns 1 / the base rate. */
    private double estimateBaseWorkload(double rate, double lastXup) {
        double xMinus = xHat;
        double pMinus = p + Q;
        double h = lastXup;
        double k = pMinus * h / (h * pMinus * h + R);
        xHat = xMinus + k * (rate - h * xMinus);
        p = (1 - k * h) * pMinus;
        return 1 / xHat;
    }

    /** libpoet's calculate_xup with the FAST constants, where it reduces to u = uo + w·e. */
    private void calculateXup(double rate, double goal, double w) {
        e = goal - rate;
        u = uo + w * e;
        u = Math.max(1, Math.min(umax, u));
        uo = u;
    }

    /** libpoet's translate_n2_with_time and calculate_time_division. */
    private Decision translate() {
        double bestCost = Double.POSITIVE_INFINITY;
        int bestLower = -1;
        int bestUpper = -1;
        int bestLowIters = 0;
        for (int i = 0; i < configs.length; i++) {
            if (speedup[i] < u) {
                continue;
            }
            for (int j = 0; j < configs.length; j++) {
                if (speedup[j] > u) {
                    continue;
                }
                double x = speedup[i] == speedup[j] ? 0
                        : (speedup[i] * speedup[j] - u * speedup[j]) / (speedup[i] * u - u * speedup[j]);
                int lowIters = (int) (period * x);
                double c = lowIters / speedup[j] * cost[j] + (period - lowIters) / speedup[i] * cost[i];
                if (c < bestCost) {
                    bestCost = c;
                    bestLower = j;
                    bestUpper = i;
                    bestLowIters = lowIters;
                }
            }
        }
        if (bestUpper < 0) {
            return Decision.single(configs[bestLower < 0 ? configs.length - 1 : bestLower]);
        }
        if (bestLowIters <= 0 || bestLower == bestUpper) {
            return Decision.single(configs[bestUpper]);
        }
        if (bestLowIters >= period) {
            return Decision.single(configs[bestLower]);
        }
        return new Decision(configs[bestLower], configs[bestUpper], bestLowIters / (double) period, true, Set.of(),
                Double.NaN, Double.NaN, Double.NaN);
    }
}
