package org.dynnd.governor.baseline;

import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;

/** One operating point for the whole run: the {@code performance} baseline and the best static point. */
public final class StaticPolicy implements Policy {

    private final String name;
    private final Decision decision;

    public StaticPolicy(String name, int op) {
        this.name = name;
        this.decision = Decision.single(op);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision decide(Observation last, PeriodTruth truth) {
        return decision;
    }

    /** The operating point. */
    public int op() {
        return decision.primary();
    }
}
