package org.dynnd.daemon.run;

import java.util.List;
import java.util.stream.IntStream;
import org.dynnd.daemon.budget.Budget;
import org.dynnd.daemon.service.Decision;
import org.dynnd.daemon.service.GovernorPort;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.Prediction;
import org.dynnd.daemon.telemetry.TelemetrySample;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.op.OpSpace;

/**
 * The socket server's view of the governor: a budget becomes the controller's target (the control
 * loop acts on it from its next period), a question about a budget is answered from the
 * controller's current estimates without changing them.
 */
final class GovernorBridge implements GovernorPort {

    private final OpSpace space;
    private final Controller controller;
    private volatile Objective defaultObjective;
    private volatile Budget lastBudget = Budget.NONE;
    private volatile org.dynnd.governor.control.Budget target;
    private volatile ControlLoop loop;

    GovernorBridge(OpSpace space, Controller controller, Objective defaultObjective) {
        this.space = space;
        this.controller = controller;
        this.defaultObjective = defaultObjective;
        this.target = org.dynnd.governor.control.Budget.unconstrained(defaultObjective);
    }

    void attach(ControlLoop controlLoop) {
        this.loop = controlLoop;
    }

    /** The budget the control loop serves. */
    org.dynnd.governor.control.Budget target() {
        return target;
    }

    @Override
    public Decision evaluate(Budget budget) {
        Controller.Preview preview = controller.preview(toGovernor(budget));
        org.dynnd.governor.control.Decision d = preview.decision();
        // The bound the selection checked, not the profile's mean: a client's "met" then agrees
        // with the governor's "feasible" on latency.
        double latency = preview.latencyBoundMs();
        int op = d.primary();
        return new Decision(d.feasible(), Points.info(space, op),
                new Prediction(latency, d.predictedEnergyMj(), d.predictedPowerW(), d.predictedAccuracy()));
    }

    @Override
    public Decision apply(Budget budget) {
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

    private org.dynnd.governor.control.Budget toGovernor(Budget b) {
        Objective objective = b == Budget.NONE ? defaultObjective
                : b.objective() == org.dynnd.daemon.budget.Objective.MIN_ENERGY ? Objective.MIN_ENERGY : Objective.MAX_ACCURACY;
        return new org.dynnd.governor.control.Budget(nan(b.latencyMs()), nan(b.energyMj()), nan(b.powerW()),
                nan(b.minAccuracy()), objective);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }
}
