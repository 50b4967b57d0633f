package org.dynnd.governor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.SimResult;
import org.dynnd.governor.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One simulated run of 10,000 periods of dynnd's controller on the Odroid XU3 under a bursty
 * co-runner (the issue asks for well under a second), and the same run with a static point, which
 * is the cost of the simulator alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulationBenchmark {

    private Simulator sim;
    private Comparison comparison;

    @Setup
    public void setUp() {
        List<Scenario.InterferenceStep> bursts = new ArrayList<>();
        for (int start = 200; start < 9900; start += 100) {
            bursts.add(new Scenario.InterferenceStep(start, 0, Scenario.FASTEST_UNIT, 1.7, 1.15));
            bursts.add(new Scenario.InterferenceStep(start + 40, 0, Scenario.FASTEST_UNIT, 1.0, 1.0));
        }
        double[] accuracy = {68.0, 77.5, 81.0, 83.0};
        Scenario s = new Scenario("bench", "10,000 periods with a bursty co-runner", 10_000, 100, 0.3, accuracy,
                List.of(new Scenario.BudgetStep(0, 0, new Scenario.BudgetSpec(Double.NaN, 2.0, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY))),
                bursts, new Scenario.Noise(0.05, 0.02), List.of(), 3);
        sim = new Simulator(Boards.odroidXu3(4), new GroupedAlexNetCost(4).profile("m", "1", accuracy), s);
        comparison = new Comparison(sim, 1, ControllerConfig.defaults());
    }

    @Benchmark
    public SimResult dynnd10kPeriods() {
        return sim.run(comparison.create("dynnd"), 1);
    }

    @Benchmark
    public SimResult static10kPeriods() {
        return sim.run(comparison.create("performance"), 1);
    }
}
