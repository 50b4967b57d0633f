package org.dynnd.daemon.control;

import org.dynnd.governor.control.Decision;

/**
 * Which operating point the next inference runs at. A decision may split a period's inferences
 * between two points (POET's idea): the plan hands out the primary point for its share of the
 * inferences and the secondary for the rest, interleaved so the split holds over any stretch.
 */
public final class OperatingPointPlan {

    private Decision decision;
    private long served;
    private long servedPrimary;

    public OperatingPointPlan(Decision initial) {
        this.decision = initial;
    }

    synchronized void set(Decision next) {
        decision = next;
        served = 0;
        servedPrimary = 0;
    }

    /** The point for the next inference. */
    public synchronized int next() {
        served++;
        if (!decision.isSplit() || servedPrimary < Math.round(decision.primaryShare() * served)) {
            servedPrimary++;
            return decision.primary();
        }
        return decision.secondary();
    }
}
