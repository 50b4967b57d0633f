package org.dynnd.governor.sim;

import java.util.List;
import org.dynnd.governor.control.Objective;

/**
 * A scenario written in Java for the governor's tests, like the shipped {@code corunner-big.yaml}
 * (the YAML files themselves are read by the daemon, whose tests run all of them).
 */
public final class Scenarios {

    /** Illustrative accuracies of the grouped AlexNet per k (not a measurement). */
    public static final double[] ACCURACY = {68.0, 77.5, 81.0, 83.0};

    private static final double NONE = Double.NaN;

    private Scenarios() {}

    static Scenario.BudgetStep step(int at, double latencyX, double powerX, double minAccuracy, Objective o) {
        return new Scenario.BudgetStep(at, 0,
                new Scenario.BudgetSpec(NONE, latencyX, NONE, NONE, NONE, powerX, minAccuracy, o));
    }

    static Scenario.InterferenceStep slow(int at, int ramp, double latency, double power) {
        return new Scenario.InterferenceStep(at, ramp, Scenario.FASTEST_UNIT, latency, power);
    }

    public static Scenario corunner() {
        Objective o = Objective.MAX_ACCURACY;
        java.util.List<Scenario.InterferenceStep> bursts = new java.util.ArrayList<>();
        for (int start = 200; start < 1900; start += 100) {
            bursts.add(slow(start, 0, 1.7, 1.15));
            bursts.add(slow(start + 40, 0, 1.0, 1.0));
        }
        return new Scenario("corunner-big", "a bursty co-runner on the fastest unit", 2000, 100, 0.3, ACCURACY,
                List.of(step(0, 2.0, NONE, NONE, o)), bursts,
                new Scenario.Noise(0.05, 0.02), List.of(), 3);
    }
}
