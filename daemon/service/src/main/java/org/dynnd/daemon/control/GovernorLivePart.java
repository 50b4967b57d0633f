package org.dynnd.daemon.control;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.config.GovernorConfig;
import org.dynnd.daemon.reload.ConfigDiff;
import org.dynnd.daemon.reload.LivePart;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.control.Precedence;

/**
 * The governor's side of a reload: the controller's confidence, precedence and hysteresis (what it
 * learnt is kept), the objective of budgets that name none, the control period (the loop is
 * rescheduled), and the intra-op thread count.
 */
public final class GovernorLivePart implements LivePart {

    private final Controller controller;
    private final GovernorBridge bridge;
    private final ControlLoop loop;
    private final LongConsumer reschedule;
    private final IntConsumer intraOpThreads;

    /**
     * @param reschedule runs the control loop every so many nanoseconds from now on
     * @param intraOpThreads takes a new {@code inference.intra_op_threads} (0: follow the unit)
     */
    public GovernorLivePart(Controller controller, GovernorBridge bridge, ControlLoop loop, LongConsumer reschedule,
            IntConsumer intraOpThreads) {
        this.controller = controller;
        this.bridge = bridge;
        this.loop = loop;
        this.reschedule = reschedule;
        this.intraOpThreads = intraOpThreads;
    }

    /** The controller's settings that {@code governor} sets, on top of {@code base}. */
    public static ControllerConfig controllerConfig(ControllerConfig base, GovernorConfig governor) throws ConfigException {
        try {
            return base.withConfidence(governor.confidence())
                    .withPrecedence(Precedence.parse(String.join(",", governor.precedence())))
                    .withEnergyBand(governor.hysteresis());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("governor: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "governor";
    }

    @Override
    public Set<String> keys() {
        return Set.of("governor.period_ms", "governor.objective", "governor.confidence", "governor.precedence",
                "governor.hysteresis", "inference.intra_op_threads");
    }

    @Override
    public Commit prepare(DynndConfig next, ConfigDiff diff) throws ConfigException {
        ControllerConfig settings = controllerConfig(controller.config(), next.governor());
        Objective objective = Objective.parse(next.governor().objective());
        long periodNanos = TimeUnit.MILLISECONDS.toNanos(next.governor().periodMs());
        boolean newPeriod = diff.changed("governor.period_ms");
        boolean newThreads = diff.changed("inference.intra_op_threads");
        int threads = next.inference().intraOpThreads();
        return () -> {
            controller.reconfigure(settings);
            bridge.defaultObjective(objective);
            if (newPeriod) {
                loop.period(periodNanos);
                reschedule.accept(periodNanos);
            }
            if (newThreads) {
                intraOpThreads.accept(threads);
            }
        };
    }
}
