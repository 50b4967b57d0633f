package org.dynnd.governor.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One controller decision (estimator update from a period's measurements, then selection) over
 * 256 operating points: the Odroid XU3's 32 clock settings (13 A7 + 19 A15) times a grouped
 * AlexNet of G = 8 groups. Budgets: a latency budget alone, and latency with a power cap and an
 * accuracy floor (which brings in splits).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {

    @Param({"latency", "latency+power+accuracy"})
    public String budget;

    private Controller controller;
    private Observation[] observations;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BoardModel board = Boards.odroidXu3(8);
        double[] accuracy = {60, 68, 73, 76.5, 79, 80.5, 81.5, 82};
        ModelProfile model = new GroupedAlexNetCost(8).profile("grouped-alexnet-g8", "1", accuracy);
        OpSpace space = board.opSpace(model.ks());
        if (space.size() != 256) {
            throw new IllegalStateException("expected 256 operating points, got " + space.size());
        }
        Profile profile = board.profile(space, model);
        controller = new Controller(profile, ControllerConfig.defaults());
        Budget b = budget.equals("latency")
                ? new Budget(20, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY)
                : new Budget(20, Double.NaN, 1.2, 79, Objective.MIN_ENERGY);
        // Measurements that move around (noise) so that the estimator and the selection do real work.
        observations = new Observation[64];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        int op = space.size() - 1;
        for (int i = 0; i < observations.length; i++) {
            double[] lat = new double[4];
            for (int j = 0; j < lat.length; j++) {
                lat[j] = profile.latencyMs(op) * Math.exp(0.05 * rnd.nextGaussian());
            }
            observations[i] = new Observation(100, List.of(new Observation.Segment(op, lat)),
                    1.5 * Math.exp(0.02 * rnd.nextGaussian()), b);
        }
    }

    @Benchmark
    public Decision decide() {
        Observation o = observations[next];
        next = (next + 1) & 63;
        return controller.decide(o);
    }
}
