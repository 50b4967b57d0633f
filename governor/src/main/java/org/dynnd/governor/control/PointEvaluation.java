package org.dynnd.governor.control;

import java.util.EnumSet;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * What every operating point would do in the coming period under one selection's input (see
 * {@link Selector} for the formulas): its latency bound, utilisation, average power, energy per
 * inference served, and which constraints of the budget it breaks. The arrays are filled in place
 * by {@link #evaluate}, so a selection allocates nothing here. The controller evaluates once a
 * period and hands the same figures to the selection and to the probe of stale units, so both
 * judge a point by the same numbers.
 */
final class PointEvaluation {

    private static final int LATENCY = Constraint.LATENCY.bit();

    private final Profile profile;
    private final OpSpace space;
    /** Latency of one inference at the configured confidence, ms. */
    final double[] latQ;
    /** Share of the period the unit would be busy (above 1: it cannot keep up). */
    final double[] util;
    /** Average power over the period, W. */
    final double[] power;
    /** Energy per inference served, mJ. */
    final double[] energy;
    /** Bits of the constraints the point breaks. */
    final int[] mask;
    /** Whether the point cannot keep up with the request rate. */
    final boolean[] overloaded;
    /** Bits of the constraints in force (latency always). */
    private int active;

    PointEvaluation(Profile profile) {
        this.profile = profile;
        this.space = profile.space();
        int n = space.size();
        latQ = new double[n];
        util = new double[n];
        power = new double[n];
        energy = new double[n];
        mask = new int[n];
        overloaded = new boolean[n];
    }

    /** Evaluates every point under {@code in}; returns the bits of the constraints in force (latency always). */
    int evaluate(Selector.Input in) {
        Budget b = in.budget();
        double rate = in.requestsPerMs();
        if (!(rate > 0)) {
            throw new IllegalArgumentException("request rate must be positive, got " + rate + " per ms");
        }
        int bits = LATENCY;
        for (Constraint c : b.constraints()) {
            bits |= c.bit();
        }
        int n = space.size();
        for (int i = 0; i < n; i++) {
            int u = space.unitOf(i);
            double t = profile.latencyMs(i);
            latQ[i] = t * in.latencyQuantile()[i];
            util[i] = rate * t * in.latencyMean()[u];
            // A waiting client keeps every point as busy as the current one: a faster point
            // serves more inferences and draws its busy power as long, a slower one serves fewer.
            double busy = in.saturated() ? Math.min(1.0, in.closedLoopShare()) : Math.min(1.0, util[i]);
            double served = in.saturated() ? busy / (t * in.latencyMean()[u]) : Math.min(rate, rate / util[i]);
            double p = (busy * profile.busyPowerW(i) + (1 - busy) * profile.idlePowerW(i)) * in.power()[u];
            power[i] = p;
            // Per inference served: a point that cannot keep up serves only its capacity.
            energy[i] = p / served;
            overloaded[i] = util[i] > 1;
            int m = 0;
            if ((overloaded[i] && !in.saturated()) || latQ[i] > b.latencyMs()) {
                m |= LATENCY;
            }
            if (p > b.powerW()) {
                m |= Constraint.POWER.bit();
            }
            if (energy[i] > b.energyMj()) {
                m |= Constraint.ENERGY.bit();
            }
            if (profile.accuracyPercent(i) < b.minAccuracyPercent()) {
                m |= Constraint.ACCURACY.bit();
            }
            mask[i] = m;
        }
        active = bits;
        return bits;
    }

    /** The bits of the constraints in force in the last {@link #evaluate} (latency always). */
    int active() {
        return active;
    }

    /** {@code op} alone, with its predicted figures. */
    Decision single(int op) {
        return new Decision(op, -1, 1.0, true, EnumSet.noneOf(Constraint.class), power[op], energy[op],
                profile.accuracyPercent(op));
    }

    /** A share {@code x} of the inferences on {@code a}, the rest on {@code b}, with the averaged figures. */
    Decision mix(int a, int b, double x) {
        return new Decision(a, b, x, true, EnumSet.noneOf(Constraint.class), x * power[a] + (1 - x) * power[b],
                x * energy[a] + (1 - x) * energy[b],
                x * profile.accuracyPercent(a) + (1 - x) * profile.accuracyPercent(b));
    }
}
