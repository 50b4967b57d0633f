package org.dynnd.governor.control;

import java.util.List;

/**
 * What the daemon measured during one control period, and the budget of the next.
 *
 * @param periodMs the length of the period, in ms
 * @param segments the operating points that ran and the latency of every inference on each
 * @param powerW average power of the measured rails over the period, in W; NaN when the
 *     sensors gave no reading (a gap)
 * @param budget the effective budget for the next period
 */
public record Observation(double periodMs, List<Segment> segments, double powerW, Budget budget) {

    /**
     * Inferences that ran at one operating point.
     *
     * @param op the operating point's index in the OP space
     * @param latenciesMs the latency of each inference, in ms
     */
    public record Segment(int op, double[] latenciesMs) {}

    public Observation {
        if (!(periodMs > 0)) {
            throw new IllegalArgumentException("period must be positive, got " + periodMs + " ms");
        }
        segments = List.copyOf(segments);
    }

    /** The number of inferences measured. */
    public int inferences() {
        int n = 0;
        for (Segment s : segments) {
            n += s.latenciesMs().length;
        }
        return n;
    }
}
