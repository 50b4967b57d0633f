package org.dynnd.governor.sim;

import java.util.List;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.UnitKind;
import org.dynnd.governor.profile.Profile;

/**
 * The portable unit names a scenario may use instead of a board's own (a15, gpu, a57), so that
 * one file serves every board. Units are ranked by their fastest full-model latency:
 * <ul>
 *   <li>{@code fastest}: the unit where the full model runs fastest (the big cluster, the GPU);
 *   <li>{@code slowest}: the unit where its best latency is the slowest;
 *   <li>{@code big} / {@code little}: the fastest / slowest CPU cluster (the same cluster on a
 *       board with one);
 *   <li>{@code gpu}: the GPU; a board without one is an error.
 * </ul>
 */
public final class UnitNames {

    /** The portable names. */
    public static final List<String> PORTABLE = List.of("fastest", "slowest", "big", "little", "gpu");

    private UnitNames() {}

    /** The unit index {@code name} means on the board of {@code truth}; a clear error when none. */
    public static int resolve(String name, Profile truth, String where) {
        OpSpace space = truth.space();
        int units = space.units().size();
        double[] best = new double[units];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < space.size(); i++) {
            if (space.k(i) == space.maxK()) {
                best[space.unitOf(i)] = Math.min(best[space.unitOf(i)], truth.latencyMs(i));
            }
        }
        int found = switch (name) {
            case "fastest" -> rank(space, best, false, false);
            case "slowest" -> rank(space, best, true, false);
            case "big" -> rank(space, best, false, true);
            case "little" -> rank(space, best, true, true);
            case "gpu" -> {
                int gpu = -1;
                for (int u = 0; u < units; u++) {
                    gpu = gpu < 0 && space.unit(u).kind() == UnitKind.GPU ? u : gpu;
                }
                yield gpu;
            }
            default -> space.unitIndex(name);
        };
        if (found < 0) {
            throw new IllegalArgumentException(where + " names unit '" + name + "', which this board does not have; its"
                    + " units are " + space.units().stream().map(c -> c.name()).toList() + ", portable names "
                    + PORTABLE);
        }
        return found;
    }

    private static int rank(OpSpace space, double[] best, boolean slowest, boolean cpuOnly) {
        int found = -1;
        for (int u = 0; u < best.length; u++) {
            if (cpuOnly && space.unit(u).kind() != UnitKind.CPU_CLUSTER) {
                continue;
            }
            if (found < 0 || (slowest ? best[u] > best[found] : best[u] < best[found])) {
                found = u;
            }
        }
        return found;
    }
}
