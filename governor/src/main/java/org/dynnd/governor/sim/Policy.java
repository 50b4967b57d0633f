package org.dynnd.governor.sim;

import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;

/**
 * Anything that chooses operating points period by period: dynnd's controller, the oracle and
 * the baselines all run through the same simulator.
 */
public interface Policy {

    /** The name printed in results. */
    String name();

    /**
     * Chooses the next period's operating point from the last period's measurements. Only the
     * oracle may look at {@code truth}, the real state of the coming period.
     */
    Decision decide(Observation last, PeriodTruth truth);
}
