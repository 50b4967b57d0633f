package org.dynnd.governor.control;

/**
 * What the controller expects of the coming period, per operating point and per unit: the one
 * record both {@link Controller#decide} and {@link Controller#preview} select from, filled by
 * {@link Controller} from its estimators so that a preview answers exactly as a decision would.
 * The arrays are filled in place (a decision allocates none of them).
 */
final class PeriodEstimates {

    /** Per operating point, the factor on its profiled latency that one inference stays under with the confidence. */
    final double[] latencyQuantile;
    /** Per unit, the factor on profiled latency for the period's busy time (the mean, with the average's margin). */
    final double[] latencyMean;
    /** Per unit, the factor on profiled power, with the average's margin. */
    final double[] powerFactor;
    /** Per unit, the typical slow-down (no margin): where the per-inference spread is centred. */
    final double[] typicalSlowdown;
    /** Per operating point, the expected share of single inferences over the latency budget; filled only when asked. */
    final double[] lateShare;
    private double requestsPerMs;
    private double requestsPerPeriod;
    private double closedLoopShare;

    PeriodEstimates(int points, int units) {
        latencyQuantile = new double[points];
        latencyMean = new double[units];
        powerFactor = new double[units];
        typicalSlowdown = new double[units];
        lateShare = new double[points];
    }

    /**
     * @param requestsPerMs the request rate expected
     * @param requestsPerPeriod the inferences expected in the period (0 when its length is not known yet)
     * @param closedLoopShare the busy share of a waiting client, NaN for an open loop (see {@link Workload})
     */
    void workload(double requestsPerMs, double requestsPerPeriod, double closedLoopShare) {
        this.requestsPerMs = requestsPerMs;
        this.requestsPerPeriod = requestsPerPeriod;
        this.closedLoopShare = closedLoopShare;
    }

    double requestsPerPeriod() {
        return requestsPerPeriod;
    }

    /**
     * The selection's input for {@code budget}; with {@code byLateShare} an infeasible latency gives
     * way by {@link #lateShare} (which must have been filled for the budget).
     */
    Selector.Input input(Budget budget, ControllerConfig config, boolean[] allowed, boolean byLateShare) {
        return new Selector.Input(latencyQuantile, latencyMean, powerFactor, requestsPerMs, requestsPerPeriod, budget,
                config.precedence(), config.allowSplit(), allowed, closedLoopShare, byLateShare ? lateShare : null);
    }
}
