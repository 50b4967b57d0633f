package org.dynnd.daemon.control;

import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;

/** The governor's operating points as the protocol shows them. */
public final class Points {

    private Points() {}

    public static OperatingPointInfo info(OpSpace space, int op) {
        OperatingPoint point = space.point(op);
        return new OperatingPointInfo(point.k(), space.unit(point.unit()).name(), point.frequencyKHz(), 0);
    }
}
