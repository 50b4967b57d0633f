package org.dynnd.daemon.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynnd.governor.sim.Metrics;

/** A policy's simulation figures as JSON, the same in {@code dynnd simulate --json} and {@code dynnd report}. */
public final class MetricsJson {

    private MetricsJson() {}

    /** Puts every figure of {@code m} into {@code n}, under the names of its record components. */
    public static void put(ObjectNode n, Metrics m) {
        n.put("policy", m.policy());
        n.put("latencyViolationShare", m.latencyViolationShare());
        n.put("powerViolationShare", m.powerViolationShare());
        n.put("energyViolationShare", m.energyViolationShare());
        n.put("accuracyViolationShare", m.accuracyViolationShare());
        n.put("violationsAllPeriods", m.violationsAllPeriods());
        n.put("energyVsOracle", m.energyVsOracle());
        n.put("accuracyVsOracle", m.accuracyVsOracle());
        n.put("settlingMean", m.settlingMean());
        n.put("settlingMax", m.settlingMax());
        n.put("decisionMicros", m.decisionMicros());
    }
}
