package org.dynnd.governor.sim;

/**
 * What happened in every period of one simulated run.
 *
 * @param policy the policy's name
 * @param energyMj true energy of each period, in mJ
 * @param powerW true average power of each period, in W
 * @param inferences inferences of each period
 * @param accuracySum sum of the accuracy (percent) of each period's inferences
 * @param latencyViolations inferences of each period over the latency budget
 * @param decisionNanos total time spent deciding, in ns
 * @param mainUnit per period, the unit that ran most of its inferences (the primary's on a tie)
 */
public record SimResult(String policy, double[] energyMj, double[] powerW, int[] inferences, double[] accuracySum,
        int[] latencyViolations, long decisionNanos, int[] mainUnit) {

    public int periods() {
        return energyMj.length;
    }

    public double totalEnergyMj() {
        double sum = 0;
        for (double e : energyMj) {
            sum += e;
        }
        return sum;
    }

    public long totalInferences() {
        long sum = 0;
        for (int n : inferences) {
            sum += n;
        }
        return sum;
    }

    /** Mean accuracy over all inferences, in percent. */
    public double meanAccuracy() {
        double sum = 0;
        for (double a : accuracySum) {
            sum += a;
        }
        return sum / Math.max(1, totalInferences());
    }
}
