package org.dynnd.governor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.baseline.StaticPolicy;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private final ModelProfile model = new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY);

    private Simulator corunner(String board) {
        return new Simulator(Boards.byName(board, 4), model, Scenarios.corunner());
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
        Simulator sim = corunner("odroid-xu3");
        Comparison c = new Comparison(sim, 7, ControllerConfig.defaults());
        SimResult a = sim.run(c.create("dynnd"), 7);
        SimResult b = sim.run(c.create("dynnd"), 7);
        assertThat(b.energyMj()).containsExactly(a.energyMj());
        assertThat(b.latencyViolations()).containsExactly(a.latencyViolations());
        assertThat(b.accuracySum()).containsExactly(a.accuracySum());
        SimResult other = sim.run(c.create("dynnd"), 8);
        assertThat(other.energyMj()).isNotEqualTo(a.energyMj());
        var first = new Comparison(sim, 7, ControllerConfig.defaults()).run(List.of("dynnd", "alert"));
        var second = new Comparison(sim, 7, ControllerConfig.defaults()).run(List.of("dynnd", "alert"));
        assertThat(second.get("dynnd").energyVsOracle()).isEqualTo(first.get("dynnd").energyVsOracle());
        assertThat(second.get("alert").violationsAllPeriods()).isEqualTo(first.get("alert").violationsAllPeriods());
    }

    @Test
    void aStaticPointCostsWhatTheBoardSaysWithoutNoise() {
        Scenario quiet = new Scenario("quiet", "", 10, 100, 0.3, Scenarios.ACCURACY,
                List.of(new Scenario.BudgetStep(0, 0, new Scenario.BudgetSpec(Double.NaN, 2.0, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY))),
                List.of(), new Scenario.Noise(0, 0), List.of(), 3);
        Simulator sim = new Simulator(Boards.odroidXu3(4), model, quiet);
        int op = sim.space().size() - 1; // A15 at 2 GHz with k = 4
        SimResult r = sim.run(new StaticPolicy("static", op), 1);
        int n = (int) sim.bound().requestsPerPeriod();
        double t = sim.truth().latencyMs(op);
        double expected = n * t * sim.truth().busyPowerW(op) + (100 - n * t) * sim.truth().idlePowerW(op);
        assertThat(r.energyMj()[3]).isCloseTo(expected, within(1e-9));
        assertThat(r.meanAccuracy()).isEqualTo(83.0);
        assertThat(r.latencyViolations()).containsOnly(0);
    }

    @Test
    void sensorGapsHideThePowerReadingAndTheBudgetOfTheNextPeriodIsPassed() {
        Scenario gaps = new Scenario("gaps", "", 20, 100, 0.3, Scenarios.ACCURACY,
                List.of(new Scenario.BudgetStep(0, 0, new Scenario.BudgetSpec(Double.NaN, 2.0, Double.NaN, Double.NaN,
                                Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY)),
                        new Scenario.BudgetStep(10, 0, new Scenario.BudgetSpec(Double.NaN, 3.0, Double.NaN, Double.NaN,
                                Double.NaN, Double.NaN, Double.NaN, Objective.MIN_ENERGY))),
                List.of(), new Scenario.Noise(0.05, 0.02), List.of(new Scenario.SensorGap(5, 8)), 3);
        Simulator sim = new Simulator(Boards.odroidXu3(4), model, gaps);
        List<Observation> seen = new ArrayList<>();
        sim.run(new Policy() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public Decision decide(Observation last, PeriodTruth truth) {
                seen.add(last);
                return Decision.single(sim.space().size() - 1);
            }
        }, 3);
        // Observation i reports period i-1.
        for (int i = 1; i < 20; i++) {
            boolean gap = i - 1 >= 5 && i - 1 < 8;
            assertThat(Double.isNaN(seen.get(i).powerW())).as("period " + (i - 1)).isEqualTo(gap);
        }
        Budget atTen = seen.get(10).budget();
        assertThat(atTen.objective()).isEqualTo(Objective.MIN_ENERGY);
        assertThat(atTen.latencyMs()).isCloseTo(3.0 * sim.bound().referenceLatencyMs(), within(1e-9));
    }

    @Test
    void tenThousandPeriodsRun() {
        Scenario s = Scenarios.corunner();
        Scenario longer = new Scenario(s.name(), s.description(), 10_000, s.periodMs(), s.load(), s.accuracyPercent(),
                s.budgets(), s.interference(), s.noise(), s.sensorGaps(), s.settleWindow());
        Simulator sim = new Simulator(Boards.odroidXu3(4), model, longer);
        SimResult r = sim.run(new Comparison(sim, 1, ControllerConfig.defaults()).create("dynnd"), 1);
        assertThat(r.periods()).isEqualTo(10_000);
        assertThat(r.totalInferences()).isEqualTo(10_000 * sim.bound().requestsPerPeriod());
    }
}
