package org.dynnd.daemon.run;

/**
 * How long an inference at an operating point would take on the real board, given how long it
 * took here. On an emulated board the host computes the real inference; this stretches its time to
 * the board's, keeping the host's own variation (and any real interference on the host's CPUs):
 * {@code board = model(op) * measured / hostReference(k)}.
 */
public interface LatencyDilation {

    /** The board's latency in ms for an inference that took {@code hostMs} here at operating point {@code op}. */
    double boardMs(int op, double hostMs);

    /** No dilation: the latency measured is the latency (a real board). */
    LatencyDilation NONE = (op, hostMs) -> hostMs;
}
