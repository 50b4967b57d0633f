package org.dynnd.governor.sim;

import java.util.List;
import org.dynnd.governor.control.Objective;

/** Scenarios written in Java for the tests (the shipped YAML ones are read by the daemon). */
final class Scenarios {

    /** Illustrative accuracies of the grouped AlexNet per k (not a measurement). */
    static final double[] ACCURACY = {68.0, 77.5, 81.0, 83.0};

    private Scenarios() {}

    static Scenario.BudgetSpec latency(double x, Objective objective) {
        return new Scenario.BudgetSpec(Double.NaN, x, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                objective);
    }

    static Scenario.BudgetSpec latencyAndPower(double x, double powerX, Objective objective) {
        return new Scenario.BudgetSpec(Double.NaN, x, Double.NaN, Double.NaN, Double.NaN, powerX, Double.NaN,
                objective);
    }

    static Scenario budgetSteps(int periods) {
        int q = periods / 4;
        return new Scenario("budget-steps", "latency budget steps", periods, 100, 0.3, ACCURACY,
                List.of(new Scenario.BudgetStep(0, 0, latency(3.0, Objective.MAX_ACCURACY)),
                        new Scenario.BudgetStep(q, 0, latency(1.6, Objective.MAX_ACCURACY)),
                        new Scenario.BudgetStep(2 * q, 0, latency(4.0, Objective.MAX_ACCURACY)),
                        new Scenario.BudgetStep(3 * q, 0, latency(2.2, Objective.MAX_ACCURACY))),
                List.of(), new Scenario.Noise(0.05, 0.02), List.of(), 5);
    }

    static Scenario corunner(int periods) {
        return new Scenario("corunner", "co-runner on the big cluster", periods, 100, 0.3, ACCURACY,
                List.of(new Scenario.BudgetStep(0, 0, latency(2.5, Objective.MAX_ACCURACY))),
                List.of(new Scenario.InterferenceStep(periods / 4, 0, Scenario.FASTEST_UNIT, 1.8, 1.1),
                        new Scenario.InterferenceStep(periods * 3 / 4, 0, Scenario.FASTEST_UNIT, 1.0, 1.0)),
                new Scenario.Noise(0.05, 0.02), List.of(), 5);
    }

    static Scenario powerCap(int periods) {
        int t = periods / 3;
        return new Scenario("power-cap", "power cap steps", periods, 100, 0.3, ACCURACY,
                List.of(new Scenario.BudgetStep(0, 0, latencyAndPower(4, 0.5, Objective.MAX_ACCURACY)),
                        new Scenario.BudgetStep(t, 0, latencyAndPower(4, 0.35, Objective.MAX_ACCURACY)),
                        new Scenario.BudgetStep(2 * t, 0, latencyAndPower(4, 0.8, Objective.MAX_ACCURACY))),
                List.of(), new Scenario.Noise(0.05, 0.02), List.of(), 5);
    }
}
