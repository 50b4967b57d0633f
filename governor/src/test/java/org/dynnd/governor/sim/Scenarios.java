package org.dynnd.governor.sim;

import java.util.List;
import org.dynnd.governor.control.Objective;

/** Scenarios written in Java for the governor's tests (the shipped YAML ones are read by the daemon). */
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

    public static List<Scenario> all() {
        return List.of(budgetSteps(), corunner(), powerCap(), noisy(), gapsAndThermal());
    }

    public static Scenario budgetSteps() {
        Objective o = Objective.MIN_ENERGY;
        return new Scenario("budget-steps", "latency and accuracy-floor steps", 2000, 100, 0.3, ACCURACY,
                List.of(step(0, 3.0, NONE, 80, o), step(500, 1.8, NONE, 76, o), step(1000, 4.0, NONE, 82, o),
                        step(1500, 2.5, NONE, 78, o)),
                List.of(), new Scenario.Noise(0.05, 0.02), List.of(), 3);
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

    public static Scenario powerCap() {
        Objective o = Objective.MAX_ACCURACY;
        return new Scenario("power-cap", "power cap steps", 2000, 100, 0.3, ACCURACY,
                List.of(step(0, 2.5, 0.6, NONE, o), step(600, 2.5, 0.35, NONE, o), step(1200, 2.5, 0.9, NONE, o),
                        step(1600, 3.0, 0.2, NONE, o)),
                List.of(), new Scenario.Noise(0.05, 0.02), List.of(), 3);
    }

    public static Scenario noisy() {
        Objective o = Objective.MIN_ENERGY;
        return new Scenario("noisy-sensors", "noisy latency and power with a co-runner", 2000, 100, 0.3, ACCURACY,
                List.of(step(0, 3.0, 0.8, 78, o)),
                List.of(slow(800, 0, 1.25, 1.1), slow(1400, 0, 1.0, 1.0)),
                new Scenario.Noise(0.15, 0.10), List.of(), 3);
    }

    public static Scenario gapsAndThermal() {
        Objective o = Objective.MAX_ACCURACY;
        return new Scenario("sensor-gaps", "thermal ramp under a power cap with power-sensor gaps", 2000, 100, 0.3,
                ACCURACY, List.of(step(0, 2.5, 0.5, NONE, o)),
                List.of(slow(300, 500, 1.35, 1.1), slow(1300, 300, 1.0, 1.0)),
                new Scenario.Noise(0.05, 0.02),
                List.of(new Scenario.SensorGap(200, 230), new Scenario.SensorGap(700, 760),
                        new Scenario.SensorGap(1500, 1520)), 3);
    }
}
