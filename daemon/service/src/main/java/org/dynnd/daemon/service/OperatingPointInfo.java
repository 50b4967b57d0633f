package org.dynnd.daemon.service;

import java.util.Objects;

/**
 * An operating point as the daemon's clients see it: how many channel groups run, on which
 * compute unit, at which frequency (and the second frequency of units that have one, such as
 * a GPU with its own clock). The governor's own operating-point type maps onto this one.
 *
 * @param groups active channel groups k, at least 1
 * @param unit compute unit name as the board preset spells it, such as {@code a15} or {@code gpu}
 * @param frequencyKhz the unit's frequency in kHz
 * @param secondFrequencyKhz a second frequency in kHz, or 0 when the point has none
 */
public record OperatingPointInfo(int groups, String unit, long frequencyKhz, long secondFrequencyKhz) {
    public OperatingPointInfo {
        Objects.requireNonNull(unit, "unit");
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be at least 1, got " + groups);
        }
        if (frequencyKhz < 0 || secondFrequencyKhz < 0) {
            throw new IllegalArgumentException("frequencies must not be negative");
        }
    }

    /** Short form for logs and {@code STATUS=}: {@code k=3 a15@1800MHz}. */
    public String label() {
        String base = "k=" + groups + " " + unit + "@" + frequencyKhz / 1000 + "MHz";
        return secondFrequencyKhz == 0 ? base : base + "/" + secondFrequencyKhz / 1000 + "MHz";
    }
}
