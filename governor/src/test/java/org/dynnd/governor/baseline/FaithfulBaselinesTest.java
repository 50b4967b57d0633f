package org.dynnd.governor.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;
import org.dynnd.governor.sim.Scenario;
import org.dynnd.governor.sim.Scenarios;
import org.dynnd.governor.sim.SimResult;
import org.dynnd.governor.sim.Simulator;
import org.junit.jupiter.api.Test;

class FaithfulBaselinesTest {

    private static Simulator quiet(double latencyX, double sigma) {
        Scenario s = new Scenario("quiet", "", 300, 100, 0.3, Scenarios.ACCURACY,
                List.of(new Scenario.BudgetStep(0, 0, new Scenario.BudgetSpec(Double.NaN, latencyX, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY))),
                List.of(), new Scenario.Noise(sigma, 0.02), List.of(), 3);
        return new Simulator(Boards.odroidXu3(4), new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY), s);
    }

    /** Records the mean latency of every period the policy saw. */
    private static final class Recorder implements Policy {
        private final Policy inner;
        double sum;
        int count;
        int period;

        Recorder(Policy inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Decision decide(Observation last, PeriodTruth truth) {
            if (period++ > 100) {
                for (Observation.Segment s : last.segments()) {
                    for (double t : s.latenciesMs()) {
                        sum += t;
                        count++;
                    }
                }
            }
            return inner.decide(last, truth);
        }
    }

    @Test
    void poetHoldsTheMeanLatencyAtTheBudgetWithTheFullModel() {
        Simulator sim = quiet(2.0, 0.02);
        Comparison c = new Comparison(sim, 1, ControllerConfig.defaults());
        Recorder r = new Recorder(c.create("poet"));
        SimResult run = sim.run(r, 1);
        double budget = 2.0 * sim.bound().referenceLatencyMs();
        // POET controls the mean rate: the mean latency sits at the goal, so many inferences are late.
        assertThat(r.sum / r.count).isCloseTo(budget, within(0.08 * budget));
        assertThat(run.meanAccuracy()).isEqualTo(83.0);
    }

    @Test
    void alertPicksTheMostAccurateCandidateLikelyToMeetTheDeadline() {
        Simulator sim = quiet(2.0, 0.02);
        Comparison c = new Comparison(sim, 1, ControllerConfig.defaults());
        SimResult run = sim.run(c.create("alert"), 1);
        assertThat(run.meanAccuracy()).isGreaterThan(82.9);
        long late = 0;
        for (int v : run.latencyViolations()) {
            late += v;
        }
        assertThat(late / (double) run.totalInferences()).isLessThan(0.01);
        assertThat(AlertPolicy.phi(0)).isCloseTo(0.5, within(1e-7));
        assertThat(AlertPolicy.phi(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(AlertPolicy.phi(-1.959964)).isCloseTo(0.025, within(1e-6));
    }
}
