package org.dynnd.governor.sim;

import java.util.List;

/**
 * One run's figures over every period (settling windows included), each reported on its own so
 * that no loss hides behind another: higher is worse for every one.
 *
 * @param policy the policy's name
 * @param latePercent inferences over the latency budget, percent of all inferences
 * @param powerPercent periods over the power cap, percent of all periods
 * @param energyPercent periods over the energy budget, percent of all periods
 * @param floorPercent periods under the accuracy floor, percent of all periods
 * @param accuracyLoss the oracle's mean accuracy minus this run's, in points
 * @param energyRatio this run's energy over the oracle's
 * @param lockoutPeriods after an interference ends, the most periods until every unit the oracle
 *     then uses runs most of a period's inferences again (see {@link #lockout}); 0 without ends
 */
public record RunFigures(String policy, double latePercent, double powerPercent, double energyPercent,
        double floorPercent, double accuracyLoss, double energyRatio, int lockoutPeriods) {

    /** The periods after an interference's end in which the oracle's choice of unit is read. */
    public static final int ORACLE_WINDOW = 30;

    /** The names of the figures, in component order after the policy. */
    public static final List<String> NAMES = List.of("late %", "power-cap periods %", "energy-budget periods %",
            "accuracy-floor periods %", "accuracy loss vs oracle (points)", "energy vs oracle (x)",
            "periods to reuse a unit after interference");

    /** The figures of {@code run} against the oracle's run of the same scenario and seed. */
    public static RunFigures of(BoundScenario bound, SimResult oracle, SimResult run) {
        int periods = run.periods();
        int power = 0, energy = 0, floor = 0;
        for (int p = 0; p < periods; p++) {
            power += Evaluation.overPower(run, p, bound.budget(p)) ? 1 : 0;
            energy += Evaluation.overEnergy(run, p, bound.budget(p)) ? 1 : 0;
            floor += Evaluation.underAccuracy(run, p, bound.budget(p)) ? 1 : 0;
        }
        long late = 0;
        for (int v : run.latencyViolations()) {
            late += v;
        }
        return new RunFigures(run.policy(), 100.0 * late / Math.max(1, run.totalInferences()), 100.0 * power / periods,
                100.0 * energy / periods, 100.0 * floor / periods, oracle.meanAccuracy() - run.meanAccuracy(),
                run.totalEnergyMj() / oracle.totalEnergyMj(), lockout(bound, oracle, run));
    }

    /**
     * For each end of interference at period E (until the next change of budget or interference,
     * which must be at least {@link #ORACLE_WINDOW} periods later, else the end is not judged): the
     * units on which the oracle runs most inferences in at least half of the periods E .. E+29 are
     * the units it uses; for each, the periods from E until the run does the same in a period (the
     * whole interval when it never does). The most of these.
     */
    public static int lockout(BoundScenario bound, SimResult oracle, SimResult run) {
        List<Integer> events = bound.scenario().eventPeriods();
        int units = 1 + java.util.Arrays.stream(oracle.mainUnit()).max().orElse(0);
        units = Math.max(units, 1 + java.util.Arrays.stream(run.mainUnit()).max().orElse(0));
        int worst = 0;
        for (int end : bound.interferenceEnds()) {
            int next = run.periods();
            for (int e : events) {
                if (e > end) {
                    next = Math.min(next, e);
                }
            }
            if (next - end < ORACLE_WINDOW) {
                continue;
            }
            int[] count = new int[units];
            for (int p = end; p < end + ORACLE_WINDOW; p++) {
                count[oracle.mainUnit()[p]]++;
            }
            for (int u = 0; u < units; u++) {
                if (2 * count[u] < ORACLE_WINDOW) {
                    continue;
                }
                int back = next - end;
                for (int p = end; p < next; p++) {
                    if (run.mainUnit()[p] == u) {
                        back = p - end;
                        break;
                    }
                }
                worst = Math.max(worst, back);
            }
        }
        return worst;
    }

    /** The figure at {@code index} of {@link #NAMES}. */
    public double figure(int index) {
        return switch (index) {
            case 0 -> latePercent;
            case 1 -> powerPercent;
            case 2 -> energyPercent;
            case 3 -> floorPercent;
            case 4 -> accuracyLoss;
            case 5 -> energyRatio;
            case 6 -> lockoutPeriods;
            default -> throw new IndexOutOfBoundsException("figure " + index + " of " + NAMES.size());
        };
    }
}
