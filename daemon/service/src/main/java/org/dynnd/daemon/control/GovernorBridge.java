package org.dynnd.daemon.control;

import java.util.List;
import java.util.stream.IntStream;
import org.dynnd.daemon.service.ChosenPoint;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.service.GovernorPort;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.Prediction;
import org.dynnd.daemon.service.TelemetrySample;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.op.OpSpace;

/**
 * The socket server's view of the governor: a budget becomes the controller's target (the control
 * loop acts on it from its next period), a question about a budget is answered from the
 * controller's current estimates without changing them.
 */
public final class GovernorBridge implements GovernorPort {

    private final OpSpace space;
    private final Controller controller;
    private volatile Objective defaultObjective;
    private volatile ClientBudget lastBudget = ClientBudget.NONE;
    private volatile Budget target;
    private volatile ControlLoop loop;

    public GovernorBridge(OpSpace space, Controller controller, Objective defaultObjective) {
        this.space = space;
        this.controller = controller;
        this.defaultObjective = defaultObjective;
        this.target = Budget.unconstrained(defaultObjective);
    }

    public void attach(ControlLoop controlLoop) {
        this.loop = controlLoop;
    }

    /** The budget the control loop serves. */
    public Budget target() {
        return target;
    }

    @Override
    public ChosenPoint evaluate(ClientBudget budget) {
        Controller.Preview preview = controller.preview(toGovernor(budget));
        Decision d = preview.decision();
        // The bound the selection checked, not the profile's mean: a client's "met" then agrees
        // with the governor's "feasible" on latency.
        double latency = preview.latencyBoundMs();
        int op = d.primary();
        return new ChosenPoint(d.feasible(), Points.info(space, op),
                new Prediction(latency, d.predictedEnergyMj(), d.predictedPowerW(), d.predictedAccuracy()));
    }

    @Override
    public ChosenPoint apply(ClientBudget budget) {
        lastBudget = budget;
        target = toGovernor(budget);
        return evaluate(budget);
    }

    /** The objective of budgets that name none (a reloaded configuration); the loop serves it from its next period. */
    void defaultObjective(Objective objective) {
        defaultObjective = objective;
        target = toGovernor(lastBudget);
    }

    @Override
    public List<OperatingPointInfo> operatingPoints() {
        return IntStream.range(0, space.size()).mapToObj(i -> Points.info(space, i)).toList();
    }

    @Override
    public TelemetrySample sample() {
        ControlLoop l = loop;
        return l == null ? null : l.latest();
    }

    @Override
    public boolean healthy() {
        ControlLoop l = loop;
        return l != null && l.healthy();
    }

    private Budget toGovernor(ClientBudget b) {
        Objective objective = b == ClientBudget.NONE ? defaultObjective : b.objective();
        return new Budget(nan(b.latencyMs()), nan(b.energyMj()), nan(b.powerW()),
                nan(b.minAccuracy()), objective);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }
}
