package org.dynnd.daemon.config;

import java.util.List;

/**
 * The control loop.
 *
 * @param periodMs the control period
 * @param objective {@code max-accuracy} or {@code min-energy}, when a budget does not say
 * @param confidence probability with which a chosen operating point must meet the budget
 * @param precedence the order in which constraints are kept when not all can be
 * @param hysteresis with objective min-energy, the share of energy a new operating point must save
 *     before the governor switches to it
 * @param calibration where the profile comes from: {@code auto} (a real board: the cached profile,
 *     else a calibration run that is then cached; an emulated board: its board model),
 *     {@code measure} (always calibrate), {@code board-model} (the governor's model of the board)
 */
public record GovernorConfig(Integer periodMs, String objective, Double confidence, List<String> precedence,
        Double hysteresis, String calibration) {

    public static final List<String> CALIBRATIONS = List.of("auto", "measure", "board-model");

    public static final List<String> OBJECTIVES = List.of("max-accuracy", "min-energy");
    public static final List<String> CONSTRAINTS = List.of("power", "latency", "energy", "accuracy");

    public GovernorConfig {
        periodMs = Check.range("period_ms", periodMs, 500, 10, 60_000);
        objective = Check.oneOf("objective", objective, "max-accuracy", OBJECTIVES);
        confidence = Check.range("confidence", confidence, 0.95, 0.5, 0.9999, false);
        precedence = Check.subset("precedence", precedence, CONSTRAINTS, CONSTRAINTS);
        if (precedence.size() != CONSTRAINTS.size()) {
            throw new InvalidValueException("precedence", precedence + " leaves out some constraints; allowed: an order of all of "
                    + String.join(", ", CONSTRAINTS));
        }
        hysteresis = Check.range("hysteresis", hysteresis, 0.05, 0.0, 0.5, false);
        calibration = Check.oneOf("calibration", calibration, "auto", CALIBRATIONS);
    }

    public static GovernorConfig defaults() {
        return new GovernorConfig(null, null, null, null, null, null);
    }
}
