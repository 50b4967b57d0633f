package org.dynnd.governor.control;

import org.dynnd.governor.op.OpSpace;

/**
 * The per-inference spread of latency (the variance of the log latency of single inferences
 * around their period's mean), learnt per group count and compute unit and pooled toward one
 * global spread while a (k, unit) has few samples.
 *
 * <p>Why not one spread for everything: on a shared host (and on a board, where preemptions by
 * other programs last as long whatever the operating point) much of the jitter is time added to
 * an inference, not a ratio of it; the same milliseconds are a small log spread at a slow point
 * and a large one at a fast point. One spread, learnt mostly where the controller spent its time,
 * then underestimated the tail exactly where a tight latency budget sends it (k=2 on the big
 * cluster at 1.5 GHz: p95 7.2-8.9 ms against a bound of 6.86 ms, period after period).
 *
 * <p>Within one (k, unit) the operating points differ only in frequency, so their latencies
 * differ by up to ten times. Whether the jitter there is added time or a ratio cannot be told from
 * one frequency, so a (k, unit) keeps both readings of its samples, the log variance and the
 * variance in ms² (log variance x typical latency²), and answers for a frequency with whichever is
 * larger there: the added-time reading for faster points, the ratio for slower ones.
 */
final class LatencySpread {

    /** Weight of one period in the moving average of the global spread, once warmed up. */
    private static final double GLOBAL_WEIGHT = 0.02;
    /** Forgetting of a (k, unit)'s samples per period in which it ran. */
    private static final double POINT_DECAY = 0.9;
    /** The global spread counts as this many degrees of freedom of a (k, unit)'s own samples. */
    private static final double PRIOR_DOF = 8;

    private final OpSpace space;
    private final int ks;
    private double global = 0.0025;
    private int globalUpdates;
    private double periodWithin;
    private int periodDof;
    private final double[] dof;
    private final double[] logSq;
    private final double[] msSq;
    private final boolean[] touched;

    LatencySpread(OpSpace space) {
        this.space = space;
        this.ks = space.ks().length;
        int slots = space.units().size() * ks;
        dof = new double[slots];
        logSq = new double[slots];
        msSq = new double[slots];
        touched = new boolean[slots];
    }

    private int slot(int op) {
        return space.unitOf(op) * ks + space.kIndex(space.k(op));
    }

    /**
     * One segment's samples: {@code within} is the sum of squared deviations of the log latencies
     * around their mean over {@code n - 1} degrees of freedom, {@code typicalMs} their geometric mean.
     */
    void add(int op, double within, int degrees, double typicalMs) {
        if (degrees <= 0) {
            return;
        }
        int s = slot(op);
        if (!touched[s]) {
            touched[s] = true;
            dof[s] *= POINT_DECAY;
            logSq[s] *= POINT_DECAY;
            msSq[s] *= POINT_DECAY;
        }
        dof[s] += degrees;
        logSq[s] += within;
        msSq[s] += within * typicalMs * typicalMs;
        periodWithin += within;
        periodDof += degrees;
    }

    /** Ends a period: updates the global spread from the period's samples (a running mean at first, then a slow moving average). */
    void endPeriod() {
        java.util.Arrays.fill(touched, false);
        if (periodDof > 0) {
            globalUpdates++;
            double weight = Math.max(GLOBAL_WEIGHT, 1.0 / globalUpdates);
            global += weight * (periodWithin / periodDof - global);
        }
        periodWithin = 0;
        periodDof = 0;
    }

    /** The global spread (all points pooled), a log variance. */
    double global() {
        return global;
    }

    /**
     * The log variance of single inferences at {@code op}, whose typical latency is {@code typicalMs}:
     * the (k, unit)'s own samples pooled with the global spread weighted as {@value #PRIOR_DOF} samples.
     */
    double at(int op, double typicalMs) {
        int s = slot(op);
        double own = 0;
        if (dof[s] > 0) {
            own = Math.max(logSq[s], msSq[s] / (typicalMs * typicalMs));
        }
        return (own + PRIOR_DOF * global) / (dof[s] + PRIOR_DOF);
    }
}
