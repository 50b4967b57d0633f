package org.dynnd.daemon.config;

/**
 * One scheduled co-runner of an emulated board: other work that shares a compute unit with
 * inference for a while, slowing it down and drawing power.
 *
 * @param unit the compute unit it runs on, by the board model's name ({@code a15}, {@code a7}, {@code a57}, {@code gpu})
 * @param startS when it starts, in seconds after the daemon is ready (serving its socket)
 * @param durationS how long it runs, in seconds
 * @param slowdown the factor by which inference on that unit takes longer while it runs (1 = none)
 * @param load the share (0..1) of the unit's time it keeps busy, which the emulated sensors see as power
 */
public record CoRunnerConfig(String unit, Double startS, Double durationS, Double slowdown, Double load) {

    public CoRunnerConfig {
        if (unit == null || unit.isBlank() || unit.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException("unit", "'" + unit + "' is not a unit name; allowed: a compute unit of the"
                    + " emulated board, such as a15 or a7 (odroid-xu3), a57 or gpu (jetson-nano)");
        }
        startS = Check.range("start_s", require("start_s", startS), 0, 0, 86_400, false);
        durationS = Check.range("duration_s", require("duration_s", durationS), 0, 0, 86_400, true);
        slowdown = Check.range("slowdown", slowdown, 1.0, 1.0, 100, false);
        load = Check.range("load", load, 1.0, 0.0, 1.0, false);
    }

    /** When it stops, in seconds after the daemon is ready. */
    public double endS() {
        return startS + durationS;
    }

    private static Double require(String key, Double value) {
        if (value == null) {
            throw new InvalidValueException(key, "is missing; allowed: a number of seconds");
        }
        return value;
    }
}
