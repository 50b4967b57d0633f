package org.dynnd.governor.sim;

import java.util.Comparator;
import org.dynnd.governor.control.Objective;

/**
 * One policy's figures on one scenario, against the oracle's run of the same scenario and seed.
 *
 * @param policy the policy's name
 * @param latencyViolationShare share of inferences over the latency budget, outside the settling windows
 * @param powerViolationShare share of periods over the power cap, outside the settling windows
 * @param energyViolationShare share of periods over the energy budget, outside the settling windows
 * @param accuracyViolationShare share of periods under the accuracy floor, outside the settling windows
 * @param energyVsOracle total energy divided by the oracle's
 * @param accuracyVsOracle mean accuracy minus the oracle's, in points
 * @param settlingMean mean periods to settle after a change (see {@link Evaluation})
 * @param settlingMax most periods to settle after a change
 * @param violationsAllPeriods all four violation shares added, counted over every period
 *     including the settling windows (a late inference is late for its user either way)
 * @param decisionMicros mean time per decision, in µs (wall clock, not deterministic)
 */
public record Metrics(String policy, double latencyViolationShare, double powerViolationShare,
        double energyViolationShare, double accuracyViolationShare, double energyVsOracle, double accuracyVsOracle,
        double settlingMean, int settlingMax, double violationsAllPeriods, double decisionMicros) {

    /** Violation shares below this far apart count as equal. */
    public static final double VIOLATION_TOLERANCE = 0.002;
    /**
     * Violations up to this share are within the budget's terms: the controller is asked to meet
     * each inference's latency with 99% confidence, so 1% late is meeting it, not missing it.
     */
    public static final double VIOLATION_ALLOWANCE = 0.01;
    /** Accuracy differences below this (points) count as equal. */
    public static final double ACCURACY_TOLERANCE = 0.1;
    /** Energy ratios closer than this count as equal. */
    public static final double ENERGY_TOLERANCE = 0.002;

    /** All violation shares after settling together. */
    public double violations() {
        return latencyViolationShare + powerViolationShare + energyViolationShare + accuracyViolationShare;
    }

    /** Violations over every period beyond the allowance: the first key of the combined measure. */
    public double excessViolations() {
        return Math.max(0, violationsAllPeriods - VIOLATION_ALLOWANCE);
    }

    /**
     * The combined measure, best first: fewer violations first (over every period, beyond the
     * {@link #VIOLATION_ALLOWANCE}, so that a slow reaction to a change is not hidden by the
     * settling window); then, for max-accuracy, higher
     * accuracy; then less energy against the oracle; then, for min-energy, higher accuracy. Each
     * key has a tolerance, so noise-sized differences fall through to the next key.
     */
    public static Comparator<Metrics> combined(Objective objective) {
        return (a, b) -> {
            if (Math.abs(a.excessViolations() - b.excessViolations()) > VIOLATION_TOLERANCE) {
                return Double.compare(a.excessViolations(), b.excessViolations());
            }
            if (objective == Objective.MAX_ACCURACY
                    && Math.abs(a.accuracyVsOracle - b.accuracyVsOracle) > ACCURACY_TOLERANCE) {
                return Double.compare(b.accuracyVsOracle, a.accuracyVsOracle);
            }
            if (Math.abs(a.energyVsOracle - b.energyVsOracle) > ENERGY_TOLERANCE) {
                return Double.compare(a.energyVsOracle, b.energyVsOracle);
            }
            return Double.compare(b.accuracyVsOracle, a.accuracyVsOracle);
        };
    }

    /** Whether this policy is strictly better than {@code other} on the combined measure. */
    public boolean beats(Metrics other, Objective objective) {
        return combined(objective).compare(this, other) < 0;
    }
}
