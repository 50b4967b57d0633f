package org.dynnd.governor.op;

/**
 * An operating point: how many groups run, on which compute unit, at which frequency.
 *
 * @param k the number of active groups (1..G)
 * @param unit the index of the compute unit in its {@link OpSpace}
 * @param frequencyKHz the unit's frequency in kHz, one of its available frequencies
 */
public record OperatingPoint(int k, int unit, long frequencyKHz) {

    public OperatingPoint {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (unit < 0) {
            throw new IllegalArgumentException("unit index must not be negative, got " + unit);
        }
        if (frequencyKHz <= 0) {
            throw new IllegalArgumentException("frequency must be positive, got " + frequencyKHz + " kHz");
        }
    }
}
