package org.dynnd.daemon.control;

import java.util.ArrayList;
import java.util.List;
import org.dynnd.governor.actuate.Actuators;
import org.dynnd.governor.actuate.KnobFailure;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the board at an operating point: frequency and affinity through the actuators, only when
 * the point's unit or frequency differs from the one in force. A knob that fails is reported once,
 * and the controller learns it (a unit it cannot reach, or a frequency it cannot change).
 */
public final class OperatingPointSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(OperatingPointSwitch.class);

    private final OpSpace space;
    private final Actuators actuators;
    private final Controller controller;
    private final List<String> degraded = new ArrayList<>();
    private int appliedUnit = -1;
    private long appliedKHz = -1;
    private int current;

    /** @param controller learns what fails; null while calibrating, before there is one */
    public OperatingPointSwitch(OpSpace space, Actuators actuators, Controller controller, int initial) {
        this.space = space;
        this.actuators = actuators;
        this.controller = controller;
        this.current = initial;
    }

    /** Makes {@code op} the point in force; returns it. */
    public synchronized int use(int op) {
        OperatingPoint point = space.point(op);
        if (point.unit() != appliedUnit || point.frequencyKHz() != appliedKHz) {
            List<KnobFailure> failures = actuators.apply(point);
            for (KnobFailure failure : failures) {
                String text = failure.knob() + " (" + failure.where() + "): " + failure.errno() + ", " + failure.message();
                LOG.warn("actuator failed, the governor stops using it: {}", text);
                degraded.add(text);
                if (controller == null) {
                    continue; // calibration: the failure is reported; the controller does not exist yet
                }
                if (!actuators.unitAvailable(point.unit())) {
                    controller.markUnitUnavailable(point.unit());
                } else if (!actuators.frequencyAvailable(point.unit())) {
                    // The knob stays where it was: at the last frequency set, or where the board left it.
                    long stuck = point.unit() == appliedUnit && appliedKHz > 0
                            ? appliedKHz : space.unit(point.unit()).maxFrequencyKHz();
                    controller.pinFrequency(point.unit(), stuck);
                }
            }
            appliedUnit = point.unit();
            appliedKHz = point.frequencyKHz();
        }
        current = op;
        return op;
    }

    /** The point the last inference ran at (or the initial one). */
    synchronized int current() {
        return current;
    }

    /** What failed so far, for telemetry. */
    synchronized List<String> degraded() {
        return List.copyOf(degraded);
    }

    /** Restores every knob the actuators changed. */
    synchronized void restore() {
        actuators.restore();
    }
}
