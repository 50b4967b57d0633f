package org.dynnd.daemon.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dynnd.governor.control.Observation;

/**
 * The latencies of the inferences of the current control period, by operating point: written by
 * the inference thread, drained once per period by the control loop.
 */
public final class LatencyLedger {

    private Map<Integer, List<Double>> current = new LinkedHashMap<>();

    public synchronized void record(int op, double latencyMs) {
        current.computeIfAbsent(op, k -> new ArrayList<>()).add(latencyMs);
    }

    /** The period's latencies as the controller takes them, and a fresh period. */
    synchronized List<Observation.Segment> drain() {
        List<Observation.Segment> segments = new ArrayList<>(current.size());
        current.forEach((op, values) -> segments.add(
                new Observation.Segment(op, values.stream().mapToDouble(Double::doubleValue).toArray())));
        current = new LinkedHashMap<>();
        return segments;
    }
}
