package org.dynnd.governor.control;

import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * The per-inference spread of latency (the variance of the log latency of single inferences
 * around their period's mean), learnt per group count and compute unit and pooled toward one
 * global spread while a (k, unit) has few samples.
 *
 * <p>Why not one spread for everything: on a shared host (and on a board, where preemptions by
 * other programs last as long whatever the operating point) much of the jitter is time added to
 * an inference, not a ratio of it; the same milliseconds are a small log spread at a slow point
 * and a large one at a fast point. One spread, learnt mostly where the controller spends its time
 * (the slower points a loose budget allows), would underestimate the tail exactly at the fast
 * points a tight latency budget sends it to.
 *
 * <p>Within one (k, unit) the operating points differ only in frequency, so their latencies
 * differ by up to ten times. Whether the jitter there is added time or a ratio cannot be told from
 * one frequency, so a (k, unit) keeps both readings of its samples, the log variance and the
 * variance in ms² (log variance x typical latency²), and answers for a frequency with whichever is
 * larger there: the added-time reading for faster points, the ratio for slower ones.
 *
 * <p>The jitter of a shared machine is not log-normal: most inferences take their time and a few
 * are preempted. A variance fitted to that mixture puts the 99th percentile well inside the
 * preempted ones, below where a few percent of the inferences actually end. So a (k, unit) also keeps its last residuals ({@link EmpiricalTail}), and once it
 * holds enough for the quantile asked, the tail is the empirical quantile where it lies above the
 * fitted one and more residuals exceed the fitted tail than sampling explains; otherwise the
 * fitted one.
 */
final class LatencySpread {

    /** Weight of one period in the moving average of the global spread, once warmed up. */
    private static final double GLOBAL_WEIGHT = 0.02;
    /** Forgetting of a (k, unit)'s samples per period in which it ran. */
    private static final double POINT_DECAY = 0.9;
    /** The global spread counts as this many degrees of freedom of a (k, unit)'s own samples. */
    private static final double PRIOR_DOF = 8;
    /** Standard deviations at which a residual is clipped in the fitted variance. */
    private static final double CLIP_SIGMAS = 4;

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
    /** Per (k, unit), the bound factor its points share in one {@link #boundFactors}: scratch. */
    private final double[] sharedFactor;
    private final EmpiricalTail residuals;
    private final int[] slotOf;

    /** From now on, bounds are asked for {@code confidence} (a reloaded configuration); what was learnt is kept. */
    void confidence(double confidence) {
        residuals.confidence(confidence);
    }

    /** @param confidence the quantile of single latencies the bound is asked for */
    LatencySpread(OpSpace space, double confidence) {
        this.space = space;
        this.ks = space.ks().length;
        int slots = space.units().size() * ks;
        dof = new double[slots];
        logSq = new double[slots];
        msSq = new double[slots];
        touched = new boolean[slots];
        sharedFactor = new double[slots];
        residuals = new EmpiricalTail(slots, confidence);
        slotOf = new int[space.size()];
        for (int op = 0; op < slotOf.length; op++) {
            slotOf[op] = space.unitOf(op) * ks + space.kIndex(space.k(op));
        }
    }

    private int slot(int op) {
        return slotOf[op];
    }

    /** One segment's latencies at {@code op}; their spread is taken around their own mean. */
    void add(int op, double[] latenciesMs) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double t : latenciesMs) {
            if (t > 0 && Double.isFinite(t)) {
                double l = Math.log(t);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        if (n < 2) {
            return;
        }
        double mean = sum / n;
        double typicalMs = Math.exp(mean);
        int s = slot(op);
        // Deviations from the segment's own mean are short of deviations from the true one by
        // sqrt((n - 1) / n), which matters at the few inferences a short period holds.
        double unbias = Math.sqrt(n / (n - 1.0));
        // The fitted spread describes the body of the distribution; preemptions are its tail, which
        // the residual ring (unclipped) shows to the empirical quantile. A residual beyond
        // CLIP_SIGMAS of the present spread, or of the segment's own robust spread (so that a
        // genuine rise gets through at once), counts at that size in the variance: unclipped, a
        // preempted inference in a few hundred, too rare to move the bound's quantile, would inflate
        // the body's spread and with it every bound, until feasible budgets looked infeasible.
        double clip = CLIP_SIGMAS * Math.max(Math.sqrt(Math.max(at(op, typicalMs), 1e-4)) / unbias,
                robustSigma(latenciesMs, n));
        double within = 0;
        for (double t : latenciesMs) {
            if (t > 0 && Double.isFinite(t)) {
                double d = Math.log(t) - mean;
                residuals.add(s, d * unbias);
                double c = Math.max(-clip, Math.min(clip, d));
                within += c * c;
            }
        }
        add(s, within, n - 1, typicalMs);
    }

    /** 1.4826 x the median absolute deviation of the log latencies (a normal's sd); 0 below four samples. */
    private static double robustSigma(double[] latenciesMs, int n) {
        if (n < 4) {
            return 0;
        }
        double[] logs = new double[n];
        int i = 0;
        for (double t : latenciesMs) {
            if (t > 0 && Double.isFinite(t)) {
                logs[i++] = Math.log(t);
            }
        }
        java.util.Arrays.sort(logs);
        double median = logs[n / 2];
        for (int j = 0; j < n; j++) {
            logs[j] = Math.abs(logs[j] - median);
        }
        java.util.Arrays.sort(logs);
        return 1.4826 * logs[n / 2];
    }

    private void add(int s, double within, int degrees, double typicalMs) {
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
        for (int s = 0; s < touched.length; s++) {
            if (touched[s]) {
                residuals.endPeriod(s);
            }
        }
        java.util.Arrays.fill(touched, false);
        if (periodDof > 0) {
            globalUpdates++;
            double weight = Math.max(GLOBAL_WEIGHT, 1.0 / globalUpdates);
            global += weight * (periodWithin / periodDof - global);
        }
        periodWithin = 0;
        periodDof = 0;
    }

    /**
     * How far above its typical latency, in log, one inference at {@code op} stays with the
     * confidence: {@code z} fitted standard deviations (converted to {@code typicalMs}, see the
     * class comment), or the (k, unit)'s empirical quantile where the residuals show a heavier tail
     * than the fitted one ({@link EmpiricalTail#tail}). The empirical quantile is taken as a ratio,
     * not converted as added time: converted, it would make a split of two frequencies of one
     * (k, unit) look far noisier at the fast one than it is.
     */
    double tail(int op, double typicalMs, double z) {
        return residuals.tail(slot(op), z * Math.sqrt(at(op, typicalMs)));
    }

    /**
     * Per operating point, the factor on its profiled latency that one inference stays under:
     * {@code slowdown[u]} x exp(sqrt({@code state[u]} + tail²)), with the tail of {@link #tail} at the
     * point's typical latency (profile x slow-down).
     *
     * <p>The exponential is most of a decision's time, and most points share their factor: every
     * point of a (k, unit) that has no samples yet, or whose frequency is slow enough that the ratio
     * reading of the spread is the larger (see the class comment), has the same variance, so the
     * same tail and factor. Those are computed once per (k, unit), with the very same arithmetic.
     */
    void boundFactors(Profile profile, double[] slowdown, double[] state, double z, double[] into) {
        java.util.Arrays.fill(sharedFactor, Double.NaN);
        for (int i = 0; i < into.length; i++) {
            int u = space.unitOf(i);
            int s = slot(i);
            double typicalMs = profile.latencyMs(i) * slowdown[u];
            boolean shared = !(dof[s] > 0) || logSq[s] >= msSq[s] / (typicalMs * typicalMs);
            if (shared && !Double.isNaN(sharedFactor[s])) {
                into[i] = sharedFactor[s];
                continue;
            }
            double tail = tail(i, typicalMs, z);
            into[i] = slowdown[u] * Math.exp(Math.sqrt(state[u] + tail * tail));
            if (shared) {
                sharedFactor[s] = into[i];
            }
        }
    }

    /**
     * The share of single inferences at {@code op} (typical latency {@code typicalMs}) expected
     * more than {@code logMargin} above it: from the (k, unit)'s residuals once it has enough for
     * its empirical tail, else from the fitted spread as a normal.
     */
    double exceedance(int op, double typicalMs, double logMargin) {
        double share = residuals.exceedance(slot(op), logMargin);
        if (!Double.isNaN(share)) {
            return share;
        }
        return 1 - NormalQuantile.cdf(logMargin / Math.sqrt(Math.max(at(op, typicalMs), 1e-12)));
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
