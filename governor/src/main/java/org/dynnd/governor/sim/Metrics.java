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
 * @param decisionMicros mean time per decision, in µs (wall clock, not deterministic)
 */
public record Metrics(String policy, double latencyViolationShare, double powerViolationShare,
        double energyViolationShare, double accuracyViolationShare, double energyVsOracle, double accuracyVsOracle,
        double settlingMean, int settlingMax, double decisionMicros) {

    /** Violation shares below this far apart count as equal. */
    public static final double VIOLATION_TOLERANCE = 0.002;
    /** Accuracy differences below this (points) count as equal. */
    public static final double ACCURACY_TOLERANCE = 0.1;
    /** Energy ratios closer than this count as equal. */
    public static final double ENERGY_TOLERANCE = 0.002;

    /** All violation shares together: the first key of the combined measure. */
    public double violations() {
        return latencyViolationShare + powerViolationShare + energyViolationShare + accuracyViolationShare;
    }

    /**
     * The combined measure, best first: fewer violations first; then, for max-accuracy, higher
     * accuracy; then less energy against the oracle; then, for min-energy, higher accuracy. Each
     * key has a tolerance, so noise-sized differences fall through to the next key.
     */
    public static Comparator<Metrics> combined(Objective objective) {
        return (a, b) -> {
            if (Math.abs(a.violations() - b.violations()) > VIOLATION_TOLERANCE) {
                return Double.compare(a.violations(), b.violations());
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
