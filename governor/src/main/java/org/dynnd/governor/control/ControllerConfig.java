package org.dynnd.governor.control;

/**
 * The controller's settings.
 *
 * @param confidence probability with which one inference must meet the latency budget (the
 *     quantile of the predicted latency that is compared with the budget)
 * @param averageConfidence probability with which period averages (power, energy) must meet
 *     their budgets given the estimate's uncertainty
 * @param precedence the order constraints give way in when the budget is infeasible
 * @param allowSplit whether a period may be split between two operating points
 * @param accuracyBand hysteresis for max-accuracy: a new choice must gain this many accuracy points
 * @param energyBand hysteresis for min-energy: a new choice must save this fraction of energy
 * @param levelNoise process variance of the log slow-down per period
 * @param slopeNoise process variance of its slope per period (0: no trend)
 * @param jumpSigmas innovation, in standard deviations, taken as a step change (infinite: never)
 * @param perUnit one slow-down estimate per compute unit (false: one global estimate)
 * @param probeEvery periods after which a unit not used is measured again with a safe share of
 *     one inference (0: never)
 * @param refineWeight weight of each period's measurement in the online profile refinement (0: off)
 * @param initialRequestsPerSecond the request rate assumed before any inference was measured
 */
public record ControllerConfig(double confidence, double averageConfidence, Precedence precedence, boolean allowSplit,
        double accuracyBand, double energyBand, double levelNoise, double slopeNoise, double jumpSigmas,
        boolean perUnit, int probeEvery, double refineWeight, double initialRequestsPerSecond) {

    public ControllerConfig {
        if (!(confidence > 0.5 && confidence < 1) || !(averageConfidence >= 0.5 && averageConfidence < 1)) {
            throw new IllegalArgumentException("confidences must be within [0.5, 1), got " + confidence + " and "
                    + averageConfidence);
        }
        if (!(accuracyBand >= 0 && energyBand >= 0 && energyBand < 1 && refineWeight >= 0 && refineWeight <= 1
                && probeEvery >= 0 && initialRequestsPerSecond > 0)) {
            throw new IllegalArgumentException("controller settings out of range");
        }
    }

    /** dynnd's controller: per-unit trend filters with step detection, splits, hysteresis, probes. */
    public static ControllerConfig defaults() {
        return new ControllerConfig(0.99, 0.99, Precedence.DEFAULT, true, 0.2, 0.003, 1e-5, 1e-7, 3.5, true, 3,
                0.02, 50);
    }

    /**
     * The ALERT-like estimator and selection: one global slow-down with a random-walk Kalman
     * filter, the most accurate setting that meets the goals with the confidence, no split.
     */
    public static ControllerConfig alertLike() {
        return new ControllerConfig(0.99, 0.99, Precedence.DEFAULT, false, 0, 0, 2e-4, 0, Double.POSITIVE_INFINITY,
                false, 0, 0, 50);
    }

    /** A copy with another confidence. */
    public ControllerConfig withConfidence(double value) {
        return new ControllerConfig(value, averageConfidence, precedence, allowSplit, accuracyBand, energyBand,
                levelNoise, slopeNoise, jumpSigmas, perUnit, probeEvery, refineWeight, initialRequestsPerSecond);
    }

    /** A copy with another precedence. */
    public ControllerConfig withPrecedence(Precedence value) {
        return new ControllerConfig(confidence, averageConfidence, value, allowSplit, accuracyBand, energyBand,
                levelNoise, slopeNoise, jumpSigmas, perUnit, probeEvery, refineWeight, initialRequestsPerSecond);
    }

    /** A copy with another initial request rate. */
    public ControllerConfig withInitialRate(double requestsPerSecond) {
        return new ControllerConfig(confidence, averageConfidence, precedence, allowSplit, accuracyBand, energyBand,
                levelNoise, slopeNoise, jumpSigmas, perUnit, probeEvery, refineWeight, requestsPerSecond);
    }

    /** The same settings with {@code value} as the min-energy hysteresis (the share of energy a switch must save). */
    public ControllerConfig withEnergyBand(double value) {
        return new ControllerConfig(confidence, averageConfidence, precedence, allowSplit, accuracyBand, value,
                levelNoise, slopeNoise, jumpSigmas, perUnit, probeEvery, refineWeight, initialRequestsPerSecond);
    }
}
