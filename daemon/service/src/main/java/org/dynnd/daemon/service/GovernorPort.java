package org.dynnd.daemon.service;

import java.util.List;

/**
 * What the socket server needs of the governor: turning the effective budget into an operating
 * point, the operating-point space, the latest telemetry sample and whether the control loop is
 * healthy. The daemon implements it on top of the governor module when it joins the modules.
 *
 * <p>Calls come from one thread at a time (the arbitration thread for {@link #evaluate} and
 * {@link #apply}, the telemetry thread for {@link #sample} and {@link #healthy}); implementations
 * must tolerate the two threads overlapping.
 */
public interface GovernorPort {

    /** What the governor would choose for {@code budget}, without changing anything. */
    ChosenPoint evaluate(ClientBudget budget);

    /**
     * Makes {@code budget} the governor's target from now on and returns the decision it acts on.
     * {@link ClientBudget#NONE} means no client holds a budget.
     */
    ChosenPoint apply(ClientBudget budget);

    /** Every operating point of this board and model, in the governor's order. */
    List<OperatingPointInfo> operatingPoints();

    /** The control loop's most recent measurements; called once per control period. */
    TelemetrySample sample();

    /**
     * Whether the control loop ran its last period in time and its sensors answered; the
     * systemd watchdog is only fed while this holds.
     */
    boolean healthy();
}
