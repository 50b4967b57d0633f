package org.dynnd.daemon.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.dynnd.daemon.report.ParetoFront.Objective;

/**
 * The dynamic range of latency and energy that a set of knobs opens: the largest over the
 * smallest latency (and energy) among the Pareto-optimal operating points those knobs reach.
 *
 * <p>The front is taken over every figure a budget can name: maximise accuracy, minimise
 * latency, energy per inference and power ({@link ParetoFront}). A point that is slower but
 * draws less power stays on it, as it should: a power cap can make it the best choice. The three
 * levels compare the knobs as the paper does:
 * <ul>
 *   <li>pruning alone: every k on the fastest unit (least full-model latency) at its highest frequency;</li>
 *   <li>pruning + mapping: every k on every unit, each at its highest frequency;</li>
 *   <li>pruning + mapping + DVFS: the whole OP space.</li>
 * </ul>
 */
public final class DynamicRanges {

    /** The objectives of the front the ranges are taken over. */
    static final Objective[] FRONT = {Objective.ACCURACY, Objective.LATENCY, Objective.ENERGY, Objective.POWER};

    /**
     * One level's range.
     *
     * @param level the knobs: {@code pruning}, {@code pruning+mapping}, {@code pruning+mapping+dvfs}
     * @param candidates how many operating points the knobs reach
     * @param front the Pareto-optimal ones, by latency
     * @param minLatencyMs least latency on the front
     * @param maxLatencyMs largest latency on the front
     * @param minEnergyMj least energy per inference on the front
     * @param maxEnergyMj largest energy per inference on the front
     */
    public record Range(String level, int candidates, List<OpPoint> front, double minLatencyMs, double maxLatencyMs,
            double minEnergyMj, double maxEnergyMj) {

        public Range {
            front = List.copyOf(front);
        }

        /** Largest over least latency on the front. */
        public double timeRatio() {
            return maxLatencyMs / minLatencyMs;
        }

        /** Largest over least energy per inference on the front. */
        public double energyRatio() {
            return maxEnergyMj / minEnergyMj;
        }
    }

    /** The names of the three levels, narrowest first. */
    public static final List<String> LEVELS = List.of("pruning", "pruning+mapping", "pruning+mapping+dvfs");

    private DynamicRanges() {}

    /** The three levels' ranges over {@code space} (every operating point of one board and model). */
    public static List<Range> of(List<OpPoint> space) {
        if (space.isEmpty()) {
            throw new IllegalArgumentException("no operating points to take a dynamic range over");
        }
        int maxK = space.stream().mapToInt(OpPoint::k).max().orElseThrow();
        String fastest = space.stream().filter(p -> p.k() == maxK && p.maxFrequency())
                .min(Comparator.comparingDouble(OpPoint::latencyMs)).orElseThrow().unit();
        List<Range> ranges = new ArrayList<>();
        ranges.add(range(LEVELS.get(0), space, p -> p.maxFrequency() && p.unit().equals(fastest)));
        ranges.add(range(LEVELS.get(1), space, OpPoint::maxFrequency));
        ranges.add(range(LEVELS.get(2), space, p -> true));
        return ranges;
    }

    /** The range of the points of {@code space} that {@code reach} accepts. */
    static Range range(String level, List<OpPoint> space, Predicate<OpPoint> reach) {
        List<OpPoint> candidates = space.stream().filter(reach).toList();
        List<OpPoint> front = ParetoFront.of(candidates, FRONT);
        return new Range(level, candidates.size(), front,
                front.stream().mapToDouble(OpPoint::latencyMs).min().orElseThrow(),
                front.stream().mapToDouble(OpPoint::latencyMs).max().orElseThrow(),
                front.stream().mapToDouble(OpPoint::energyMj).min().orElseThrow(),
                front.stream().mapToDouble(OpPoint::energyMj).max().orElseThrow());
    }
}
