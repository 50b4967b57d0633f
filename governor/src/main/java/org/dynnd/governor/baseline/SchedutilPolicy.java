package org.dynnd.governor.baseline;

import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;

/**
 * A schedutil-like utilisation governor with the full model: the inference stays on one unit
 * (the fastest CPU cluster) with all groups, and each period the frequency becomes the lowest
 * available one at or above 1.25 x current frequency x last period's utilisation, as the
 * kernel's schedutil computes its next frequency. It knows nothing of budgets.
 */
public final class SchedutilPolicy implements Policy {

    private final OpSpace space;
    private final int unit;
    private final int k;
    private final long[] freqs;
    private int freqIndex;

    /** @param unit the unit inference runs on */
    public SchedutilPolicy(OpSpace space, int unit) {
        this.space = space;
        this.unit = unit;
        this.k = space.maxK();
        this.freqs = space.unit(unit).frequenciesKHz();
        this.freqIndex = freqs.length - 1;
    }

    @Override
    public String name() {
        return "schedutil";
    }

    @Override
    public Decision decide(Observation last, PeriodTruth truth) {
        if (last.inferences() > 0) {
            double busy = 0;
            for (Observation.Segment s : last.segments()) {
                for (double t : s.latenciesMs()) {
                    busy += t;
                }
            }
            double util = Math.min(1, busy / last.periodMs());
            double target = 1.25 * freqs[freqIndex] * util;
            int next = freqs.length - 1;
            for (int f = 0; f < freqs.length; f++) {
                if (freqs[f] >= target) {
                    next = f;
                    break;
                }
            }
            freqIndex = next;
        }
        return Decision.single(space.indexOf(new OperatingPoint(k, unit, freqs[freqIndex])));
    }
}
