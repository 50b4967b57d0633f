package org.dynnd.governor.control;

/**
 * What the controller knows of the client's requests: their rate, the share of each period they
 * keep the unit busy, and whether the client waits on the service.
 *
 * <p>An application that sends a request only after the answer to its previous one (a closed
 * loop: one or two requests in flight) makes the measured rate a consequence of the operating
 * point, not a demand: at every point it keeps the unit about as busy, and taken as a demand its
 * rate makes every slower point look unable to keep up, so that under a power cap a fast point
 * with few groups would win over a slower point with more that fits. An open-loop source (a camera) sends at its
 * own rate whatever the point. The two differ in how the rate answers a longer latency: the
 * elasticity -dlog(rate)/dlog(latency) is about 1 for a closed loop, 0 for an open one. It is
 * learnt from consecutive periods whose mean latency grew by a quarter or more. Only growth
 * answers the question (what does a slower point do to the rate?): at a faster point the rate may
 * be held by something else, the client's own work or, on an emulated board, the host, so that a
 * closed-loop client would look open. Until such a
 * change was seen (a controller that always keeps up with the rate never sees one: both readings
 * agree there), a client that keeps the unit busy {@value #BUSY} of the time or more is taken to
 * wait on it: an open-loop source that busy has no room left for any slower point anyway.
 */
final class Workload {

    /** A growth of mean latency between periods, in log, that tells how the rate answers it. */
    private static final double MIN_LOG_CHANGE = Math.log(1.25);
    /** Elasticity above which the client is taken to wait on the service. */
    private static final double CLOSED_LOOP = 0.5;
    /** Weight of one observed change in the moving average of the elasticity. */
    private static final double WEIGHT = 0.3;
    /** Busy share from which a client is taken to wait on the service while no change told. */
    static final double BUSY = 0.8;

    private double requestsPerMs;
    private double busyShare;
    private double elasticity;
    private int changes;
    private double lastRate = Double.NaN;
    private double lastMeanMs = Double.NaN;

    Workload(double initialRequestsPerMs) {
        this.requestsPerMs = initialRequestsPerMs;
    }

    /** Learns from one period's inferences (a period without any changes nothing). */
    void observe(Observation observation) {
        int n = observation.inferences();
        if (n == 0) {
            lastRate = Double.NaN;
            return;
        }
        double busy = 0;
        for (Observation.Segment s : observation.segments()) {
            for (double t : s.latenciesMs()) {
                busy += t;
            }
        }
        double rate = n / observation.periodMs();
        double meanMs = busy / n;
        double change = Math.log(meanMs / lastMeanMs);
        if (!Double.isNaN(lastRate) && change >= MIN_LOG_CHANGE) {
            double e = Math.max(0, Math.min(1, -Math.log(rate / lastRate) / change));
            elasticity = changes == 0 ? e : elasticity + WEIGHT * (e - elasticity);
            changes++;
        }
        lastRate = rate;
        lastMeanMs = meanMs;
        requestsPerMs = rate;
        busyShare += 0.5 * (Math.min(1, busy / observation.periodMs()) - busyShare);
    }

    /** The request rate of the last period with inferences (or the initial one), per ms. */
    double requestsPerMs() {
        return requestsPerMs;
    }

    /** Whether the client waits on the service, as learnt so far. */
    boolean closedLoop() {
        return changes == 0 ? busyShare >= BUSY : elasticity > CLOSED_LOOP;
    }

    /** For {@link Selector.Input#closedLoopShare()}: the busy share of a waiting client, NaN for an open loop. */
    double closedLoopShare() {
        return closedLoop() ? busyShare : Double.NaN;
    }
}
