package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dynnd.governor.baseline.Comparison;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.Metrics;
import org.dynnd.governor.sim.Scenarios;
import org.dynnd.governor.sim.Simulator;
import org.junit.jupiter.api.Test;

class ControllerTest {

    private final ModelProfile model = new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY);

    @Test
    void settlesWithinThreePeriodsOfACoRunnerAndBeatsTheAlertAblationOnIt() {
        for (String board : Boards.NAMES) {
            Simulator sim = new Simulator(Boards.byName(board, 4), model, Scenarios.corunner());
            Comparison c = new Comparison(sim, 1, ControllerConfig.defaults());
            // The estimator against dynnd's ablation towards ALERT (one global random-walk filter,
            // no split); ALERT itself is a separate policy and ShippedScenariosTest ranks it.
            Map<String, Metrics> m = c.run(List.of("dynnd", "alert-ablation"));
            assertThat(m.get("dynnd").settlingMean()).as(board).isLessThanOrEqualTo(3);
            assertThat(m.get("dynnd").latencyViolationShare()).as(board).isLessThanOrEqualTo(0.01);
            assertThat(m.get("dynnd").violationsAllPeriods()).as(board)
                    .isLessThan(m.get("alert-ablation").violationsAllPeriods());
        }
    }

    @Test
    void aFailedUnitOrClockIsNeverChosenAgain() {
        var board = Boards.odroidXu3(4);
        OpSpace space = board.opSpace(model.ks());
        Profile profile = board.profile(space, model);
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        Budget budget = new Budget(30, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        Observation nothing = new Observation(100, List.of(), Double.NaN, budget);
        Decision first = controller.decide(nothing);
        assertThat(first.feasible()).isTrue();
        int unit = space.unitOf(first.primary());
        controller.pinFrequency(unit, space.unit(unit).minFrequencyKHz());
        Decision pinned = controller.decide(nothing);
        assertThat(space.unitOf(pinned.primary()) != unit
                || space.point(pinned.primary()).frequencyKHz() == space.unit(unit).minFrequencyKHz()).isTrue();
        controller.markUnitUnavailable(1);
        for (int i = 0; i < 5; i++) {
            Decision d = controller.decide(nothing);
            assertThat(space.unitOf(d.primary())).isZero();
            assertThat(d.secondary() < 0 || space.unitOf(d.secondary()) == 0).isTrue();
        }
    }

    @Test
    void theProfileLearnsHowOnePointDiffersFromTheOthersOfItsUnit() {
        var board = Boards.odroidXu3(4);
        OpSpace space = board.opSpace(model.ks());
        Profile profile = board.profile(space, model);
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        Budget budget = new Budget(30, Double.NaN, Double.NaN, Double.NaN, Objective.MAX_ACCURACY);
        int a = space.indexOf(new org.dynnd.governor.op.OperatingPoint(4, 1, 1000000));
        int b = space.indexOf(new org.dynnd.governor.op.OperatingPoint(4, 1, 1400000));
        double before = profile.busyPowerW(a) / profile.busyPowerW(b);
        for (int block = 0; block < 40; block++) {
            int op = block % 2 == 0 ? a : b;
            double truthBusy = profile.busyPowerW(op) * (op == a ? 1.2 : 1.0); // point a draws 20% more than profiled
            for (int i = 0; i < 20; i++) {
                double[] lat = {profile.latencyMs(op), profile.latencyMs(op), profile.latencyMs(op), profile.latencyMs(op)};
                double busyShare = 4 * profile.latencyMs(op) / 100;
                double watts = busyShare * truthBusy + (1 - busyShare) * profile.idlePowerW(op);
                controller.decide(new Observation(100, List.of(new Observation.Segment(op, lat)), watts, budget));
            }
        }
        double after = controller.profile().busyPowerW(a) / controller.profile().busyPowerW(b);
        assertThat(after / before).isGreaterThan(1.1);
        assertThat(profile.busyPowerW(a) / profile.busyPowerW(b)).isEqualTo(before); // the caller's copy is untouched
    }
}
