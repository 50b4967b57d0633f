package org.dynnd.governor.sim;

import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;

/** A {@link Controller} run as a simulation policy; it never looks at the truth. */
public final class ControllerPolicy implements Policy {

    private final String name;
    private final Controller controller;

    public ControllerPolicy(String name, Controller controller) {
        this.name = name;
        this.controller = controller;
    }

    /** The controller, for inspection. */
    public Controller controller() {
        return controller;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision decide(Observation last, PeriodTruth truth) {
        return controller.decide(last);
    }
}
