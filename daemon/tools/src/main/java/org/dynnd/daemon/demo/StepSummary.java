package org.dynnd.daemon.demo;

import java.util.List;

/**
 * How a step went: whether the governor met its budget after settling, that is the share of the
 * step's periods that met every constraint, leaving out its first {@value #SETTLING_PERIODS}
 * periods (the time to notice the new budget and move), and the step's typical measurements.
 *
 * @param step index of the step
 * @param periods periods of the step
 * @param settledPeriods periods after settling
 * @param metPeriods of those, the periods that met every constraint
 * @param metShare {@code metPeriods / settledPeriods}, or NaN for a step without budget or without settled periods
 * @param medianP95Ms median over the settled periods of the 95th percentile latency
 * @param medianPowerW median settled power
 * @param medianEnergyMj median settled energy per inference
 * @param liveAccuracy accuracy of all images answered in the step's settled periods, percent
 */
public record StepSummary(int step, int periods, int settledPeriods, int metPeriods, double metShare, double medianP95Ms,
        double medianPowerW, double medianEnergyMj, double liveAccuracy) {

    /** Periods left out at the start of each step. */
    public static final int SETTLING_PERIODS = 3;

    /** Summarises {@code step} (index {@code index}) from all the demo's samples. */
    public static StepSummary of(int index, DemoStep step, List<DemoSample> samples) {
        List<DemoSample> mine = samples.stream().filter(s -> s.step() == index).toList();
        List<DemoSample> settled = mine.subList(Math.min(SETTLING_PERIODS, mine.size()), mine.size());
        int met = (int) settled.stream().filter(s -> step.metBy(s.latencyP95Ms(), s.powerW(), s.energyMj())).count();
        long answered = settled.stream().mapToLong(DemoSample::answered).sum();
        long correct = settled.stream().mapToLong(DemoSample::correct).sum();
        return new StepSummary(index, mine.size(), settled.size(), met,
                step.hasBudget() && !settled.isEmpty() ? (double) met / settled.size() : Double.NaN,
                median(settled.stream().mapToDouble(DemoSample::latencyP95Ms).toArray()),
                median(settled.stream().mapToDouble(DemoSample::powerW).toArray()),
                median(settled.stream().mapToDouble(DemoSample::energyMj).toArray()),
                answered == 0 ? Double.NaN : 100.0 * correct / answered);
    }

    /** The median of the values that are not NaN, or NaN when there is none. */
    static double median(double[] values) {
        double[] known = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int mid = known.length / 2;
        return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
    }
}
