package org.dynnd.daemon.report;

/**
 * One operating point as the report shows it: its knobs and what it costs and gives.
 *
 * @param index the point's index in its OP space
 * @param k active groups
 * @param unit the compute unit's name
 * @param frequencyKHz the unit's frequency
 * @param maxFrequency whether {@code frequencyKHz} is the unit's highest
 * @param accuracyPercent top-1 accuracy of k groups
 * @param latencyMs latency of one inference
 * @param powerW power of the measured rails while inference runs
 * @param energyMj energy of one inference: {@code powerW x latencyMs}
 */
public record OpPoint(int index, int k, String unit, long frequencyKHz, boolean maxFrequency, double accuracyPercent,
        double latencyMs, double powerW, double energyMj) {

    /** The point's label, such as {@code k=2 a15@2000MHz}. */
    public String label() {
        return "k=" + k + " " + unit + "@" + frequencyKHz / 1000 + "MHz";
    }
}
