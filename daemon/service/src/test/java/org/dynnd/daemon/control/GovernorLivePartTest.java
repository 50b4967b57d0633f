package org.dynnd.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.config.GovernorConfig;
import org.dynnd.daemon.config.InferenceConfig;
import org.dynnd.daemon.reload.ConfigDiff;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.control.Precedence;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The governor takes reloaded settings: the controller's, the default objective, the period, the threads. */
class GovernorLivePartTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final List<Long> rescheduled = new ArrayList<>();
    private final List<Integer> threads = new ArrayList<>();
    private OpSpace space;
    private Controller controller;
    private GovernorBridge bridge;
    private ControlLoop loop;
    private GovernorLivePart part;
    private DynndConfig running;

    @BeforeEach
    void build() throws Exception {
        BoardModel xu3 = Boards.byName("odroid-xu3", 4);
        ModelProfile model = new GroupedAlexNetCost(4).profile("alexnet", "test", new double[] {86, 86.5, 87, 87.5});
        space = new OpSpace(xu3.units().stream().map(u -> u.unit()).toList(), new int[] {1, 2, 3, 4});
        running = DynndConfig.defaults().withGovernor(new GovernorConfig(300, null, null, null, null, null));
        controller = new Controller(xu3.profile(space, model),
                GovernorLivePart.controllerConfig(ControllerConfig.defaults(), running.governor()));
        bridge = new GovernorBridge(space, controller, Objective.MAX_ACCURACY);
        // Neither the switch nor the power readings are used until the loop runs a period.
        loop = new ControlLoop(space, controller, new OperatingPointPlan(Decision.single(0)), null, new LatencyLedger(),
                null, bridge::target, clock::get, 300 * MS);
        part = new GovernorLivePart(controller, bridge, loop, rescheduled::add, threads::add);
    }

    private void reload(DynndConfig next) throws Exception {
        ConfigDiff diff = ConfigDiff.between(running, next);
        part.prepare(diff.effective(), diff).apply();
        running = diff.effective();
    }

    @Test
    void confidencePrecedenceAndHysteresisReachTheControllerAndItsBounds() throws Exception {
        double before = controller.latencyBoundMs(5);
        reload(running.withGovernor(new GovernorConfig(300, null, 0.6, List.of("latency", "power", "energy", "accuracy"),
                0.2, null)));
        ControllerConfig now = controller.config();
        assertThat(now.confidence()).isEqualTo(0.6);
        assertThat(now.energyBand()).isEqualTo(0.2);
        assertThat(now.precedence()).isEqualTo(Precedence.parse("latency,power,energy,accuracy"));
        assertThat(controller.latencyBoundMs(5)).as("a lower confidence bounds latency lower").isLessThan(before);
        assertThat(rescheduled).isEmpty();
        assertThat(threads).isEmpty();
    }

    @Test
    void theDefaultObjectiveChangesTheServedTargetOnlyWhenNoBudgetNamesOne() throws Exception {
        assertThat(bridge.target().objective()).isEqualTo(Objective.MAX_ACCURACY);
        reload(running.withGovernor(new GovernorConfig(300, "min-energy", null, null, null, null)));
        assertThat(bridge.target().objective()).isEqualTo(Objective.MIN_ENERGY);

        bridge.apply(new ClientBudget(20.0, null, null, null, Objective.MAX_ACCURACY));
        reload(running.withGovernor(new GovernorConfig(300, "max-accuracy", null, null, null, null)));
        reload(running.withGovernor(new GovernorConfig(300, "min-energy", null, null, null, null)));
        assertThat(bridge.target().objective()).as("the client's own objective").isEqualTo(Objective.MAX_ACCURACY);
        assertThat(bridge.target().latencyMs()).isEqualTo(20.0);
    }

    @Test
    void aNewPeriodReschedulesTheLoopAndMovesItsHealthThreshold() throws Exception {
        clock.addAndGet(1_200 * MS);
        assertThat(loop.healthy()).as("1.2 s without a period is more than three of 300 ms").isFalse();
        reload(running.withGovernor(new GovernorConfig(500, null, null, null, null, null)));
        assertThat(rescheduled).containsExactly(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(loop.healthy()).as("but less than three of 500 ms").isTrue();
    }

    @Test
    void intraOpThreadsArePassedOnOnlyWhenTheyChange() throws Exception {
        reload(running.withInference(new InferenceConfig(null, 1)));
        reload(running.withInference(new InferenceConfig(8, 1)));
        reload(running.withInference(new InferenceConfig(8, 0)));
        assertThat(threads).containsExactly(1, 0);
    }
}
