package org.dynnd.daemon.emulation;

/**
 * How long an inference at an operating point would take on the real board, given how long it
 * took here. On an emulated board the host computes the real inference; this turns its time into
 * the board's, keeping the host's own variation from one inference to the next:
 * {@code board = model(op) * coRunnerSlowdown(unit) + (measured - typicalHost(k))}, where the
 * host's typical time is a running median ({@code HostBaseline}) and a co-runner is the
 * interference configured for the emulated board.
 */
public interface LatencyDilation {

    /** The board's latency in ms for an inference that took {@code hostMs} here at operating point {@code op}. */
    double boardMs(int op, double hostMs);

    /** No dilation: the latency measured is the latency (a real board). */
    LatencyDilation NONE = (op, hostMs) -> hostMs;
}
