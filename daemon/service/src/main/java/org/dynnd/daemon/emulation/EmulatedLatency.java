package org.dynnd.daemon.emulation;

import java.util.function.IntToDoubleFunction;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.models.runtime.DynamicModel;

/**
 * How an emulated board turns the host's inference time into the board's, for the daemon's
 * emulated platform and for tools that characterise an emulated board ({@code dynnd report}):
 * both go through this class so that they show the same board.
 */
public final class EmulatedLatency {

    private EmulatedLatency() {}

    /**
     * The host's typical latency of each k (index k-1), in ms: the median of {@code runs}
     * inferences of a blank image per k after a warm-up, the k taken in turn round after round.
     */
    public static double[] hostReferenceMs(DynamicModel model, int runs) {
        return HostReference.measure(model, runs);
    }

    /**
     * The board's latency for inferences the host ran, with no co-runner: the board model's
     * latency of the point plus the host's deviation from its running median for the same k
     * (see {@link #dilation(BoardModel, OpSpace, ModelProfile, HostBaseline, IntToDoubleFunction)}).
     *
     * @param hostReferenceMs the host's start-up reference per k, from {@link #hostReferenceMs}
     */
    public static LatencyDilation dilation(BoardModel model, OpSpace space, ModelProfile profile, double[] hostReferenceMs) {
        return dilation(model, space, profile, new HostBaseline(hostReferenceMs), unit -> 1.0);
    }

    /**
     * The board's latency for an inference the host ran: the board model's latency for the point,
     * slowed by a co-runner on the point's unit ({@code slowdown} by the unit's index in the board
     * model), plus how much longer (or shorter) the host took than its typical time for the same k.
     *
     * <p>The host's deviation is added as time, not applied as a ratio: on a shared host it is
     * mostly time the inference thread waited for a core, which lasts as long on any board. As a
     * ratio it was multiplied by board/host (5 for k=1 on the A15, 30 on the A7 at 200 MHz), so a
     * 10 ms preemption became a 50-300 ms spike in the 95th percentile that no governor can foresee.
     * The floor keeps a host faster than usual from making a fast point's latency vanish.
     */
    static LatencyDilation dilation(BoardModel model, OpSpace space, ModelProfile profile, HostBaseline host,
            IntToDoubleFunction slowdown) {
        return (op, hostMs) -> {
            OperatingPoint point = space.point(op);
            int unit = unitIndex(model, space.unit(point.unit()).name());
            double boardMs = model.latencyMs(point, profile.costOf(point.k())) * slowdown.applyAsDouble(unit);
            return Math.max(boardMs / 2, boardMs + hostMs - host.typicalMs(point.k(), hostMs));
        };
    }

    private static int unitIndex(BoardModel model, String name) {
        for (int u = 0; u < model.units().size(); u++) {
            if (model.units().get(u).unit().name().equals(name)) {
                return u;
            }
        }
        return -1;
    }
}
