package org.dynnd.governor.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;
import org.dynnd.governor.sim.RunTotals;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.Scenarios;
import org.dynnd.governor.sim.SimResult;
import org.dynnd.governor.sim.Simulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The oracle is an upper bound: no policy's totals beat its totals (see {@link OraclePolicy}). */
class OracleBoundTest {

    private final ModelProfile model = new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY);

    /** A policy that picks any decision the simulator can carry out, at random. */
    private static Policy random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Policy() {
            @Override
            public String name() {
                return "random";
            }

            @Override
            public Decision decide(Observation last, PeriodTruth truth) {
                int a = r.nextInt(size);
                if (r.nextBoolean()) {
                    return Decision.single(a);
                }
                int b = r.nextInt(size);
                double x = r.nextInt((int) truth.requestsPerPeriod() + 1) / truth.requestsPerPeriod();
                return b == a || x >= 1 ? Decision.single(a)
                        : new Decision(a, b, x, true, java.util.Set.of(), Double.NaN, Double.NaN, Double.NaN);
            }
        };
    }

    static void assertNotBeaten(Simulator sim, SimResult oracle, SimResult run) {
        List<RunTotals> o = RunTotals.of(sim.bound(), oracle);
        List<RunTotals> p = RunTotals.of(sim.bound(), run);
        for (int i = 0; i < o.size(); i++) {
            assertThat(p.get(i).dominates(o.get(i))).as("%s beats the oracle: %s vs %s", run.policy(), p.get(i), o.get(i))
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"odroid-xu3", "jetson-nano", "x86"})
    void noPolicyBeatsTheOracle(String board) {
        Scenario s = Scenarios.corunner();
        Scenario shorter = new Scenario(s.name(), s.description(), 600, s.periodMs(), s.load(), s.accuracyPercent(),
                s.budgets(), s.interference(), new Scenario.Noise(0.15, 0.05, 0.01, 2), s.sensorGaps(),
                s.settleWindow());
        Simulator sim = new Simulator(Boards.byName(board, 4), model, shorter);
        Comparison c = new Comparison(sim, 3, ControllerConfig.defaults());
        SimResult oracle = c.oracleRun();
        for (String name : Comparison.KNOWN) {
            if (!name.equals("best-static")) {
                assertNotBeaten(sim, oracle, sim.run(c.create(name), 3));
            }
        }
        for (int i = 0; i < sim.space().size(); i++) {
            assertNotBeaten(sim, oracle, sim.run(new StaticPolicy("static", i), 3));
        }
        for (long seed = 0; seed < 5; seed++) {
            assertNotBeaten(sim, oracle, sim.run(random(sim.space().size(), seed), 3));
        }
    }
}
