package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.Scenarios;
import org.junit.jupiter.api.Test;

/** {@link Controller#preview}: the decision's selection, for the real period, learning nothing. */
class ControllerPreviewTest {

    private final ModelProfile model = new GroupedAlexNetCost(4).profile("m", "1", Scenarios.ACCURACY);
    private final BoardModel board = Boards.odroidXu3(4);
    private final OpSpace space = board.opSpace(model.ks());
    private final Profile profile = board.profile(space, model);
    private final int op = space.indexOf(new OperatingPoint(4, 1, 1400000));

    /** {@code periods} periods of {@code periodMs} with four inferences at {@link #op}, at its profiled latency. */
    private List<Observation> periods(int periods, double periodMs, Budget budget) {
        List<Observation> out = new ArrayList<>();
        double t = profile.latencyMs(op);
        double busy = 4 * t / periodMs;
        double watts = busy * profile.busyPowerW(op) + (1 - busy) * profile.idlePowerW(op);
        for (int i = 0; i < periods; i++) {
            out.add(new Observation(periodMs, List.of(new Observation.Segment(op, new double[] {t, t, t, t})),
                    watts, budget));
        }
        return out;
    }

    /** Power caps from the least to the most any point draws at this rate, in {@code steps}. */
    private List<Budget> caps(int steps) {
        double rate = 4 / 100.0;
        double least = Double.POSITIVE_INFINITY;
        double most = 0;
        for (int i = 0; i < space.size(); i++) {
            double u = Math.min(1, rate * profile.latencyMs(i));
            double p = u * profile.busyPowerW(i) + (1 - u) * profile.idlePowerW(i);
            least = Math.min(least, p);
            most = Math.max(most, p);
        }
        List<Budget> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double cap = least + (most - least) * s / (steps - 1.0);
            out.add(new Budget(Double.NaN, Double.NaN, cap, Double.NaN, Objective.MAX_ACCURACY));
        }
        return out;
    }

    /**
     * Four inferences a 100 ms period: a previewed split gives whole inferences of such a period
     * (a quarter, a half, three quarters), not of an assumed second.
     */
    @Test
    void aPreviewedSplitIsInWholeInferencesOfTheObservedPeriod() {
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        for (Observation o : periods(20, 100, Budget.unconstrained(Objective.MAX_ACCURACY))) {
            controller.decide(o);
        }
        int splits = 0;
        for (Budget cap : caps(60)) {
            Decision d = controller.preview(cap).decision();
            if (d.isSplit()) {
                splits++;
                double inferences = d.primaryShare() * 4;
                assertThat(Math.abs(inferences - Math.rint(inferences))).as("share %s", d.primaryShare())
                        .isLessThan(1e-9);
            }
        }
        assertThat(splits).as("caps answered with a split").isGreaterThan(0);
    }

    /** The bound a preview reports is the one the controller checks its primary point against. */
    @Test
    void aPreviewReportsTheBoundOfItsPrimaryPoint() {
        Controller controller = new Controller(profile, ControllerConfig.defaults());
        for (Observation o : periods(10, 100, Budget.unconstrained(Objective.MAX_ACCURACY))) {
            controller.decide(o);
        }
        Budget latency = new Budget(profile.latencyMs(op) * 1.3, Double.NaN, Double.NaN, Double.NaN,
                Objective.MAX_ACCURACY);
        Controller.Preview p = controller.preview(latency);
        assertThat(p.latencyBoundMs()).isEqualTo(controller.latencyBoundMs(p.decision().primary()));
        assertThat(p.latencyBoundMs()).isLessThanOrEqualTo(latency.latencyMs());
    }

    /**
     * Previews of any budget leave every estimate as it was: a controller that previewed and its
     * twin that did not decide the same from then on.
     */
    @Test
    void previewsChangeNothingTheControllerDecidesFrom() {
        Controller previewed = new Controller(profile, ControllerConfig.defaults());
        Controller twin = new Controller(profile, ControllerConfig.defaults());
        Budget tight = new Budget(profile.latencyMs(op) * 0.5, Double.NaN, Double.NaN, 70, Objective.MAX_ACCURACY);
        for (Observation o : periods(10, 100, tight)) {
            previewed.decide(o);
            twin.decide(o);
        }
        for (Budget cap : caps(10)) {
            previewed.preview(cap);
        }
        previewed.preview(tight);
        for (Observation o : periods(10, 100, caps(10).get(3))) {
            assertThat(previewed.decide(o)).isEqualTo(twin.decide(o));
        }
    }
}
