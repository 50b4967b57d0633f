package org.dynnd.daemon.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.dynnd.governor.control.Objective;

/**
 * The Pareto front of a set of operating points: the points no other point dominates.
 *
 * <p>Definition: with objectives to minimise (accuracy enters negated, so that it is maximised),
 * point a dominates point b when a is no worse than b in every objective and strictly better in
 * at least one. The front is every point that no point of the set dominates. Points equal in
 * every objective do not dominate each other; of such duplicates the front keeps only the first
 * in the input order, so that a plotted front and a range never count the same trade-off twice.
 */
public final class ParetoFront {

    /** What an operating point is judged by; every objective is minimised. */
    public enum Objective {
        /** Top-1 accuracy, maximised (minimised negated). */
        ACCURACY(p -> -p.accuracyPercent()),
        /** Latency of one inference. */
        LATENCY(OpPoint::latencyMs),
        /** Energy of one inference. */
        ENERGY(OpPoint::energyMj),
        /** Power while inference runs. */
        POWER(OpPoint::powerW);

        private final ToDoubleFunction<OpPoint> minimised;

        Objective(ToDoubleFunction<OpPoint> minimised) {
            this.minimised = minimised;
        }

        double of(OpPoint p) {
            return minimised.applyAsDouble(p);
        }
    }

    private ParetoFront() {}

    /** Whether {@code a} dominates {@code b}: no worse in every objective (all minimised), better in one. */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("points with " + a.length + " and " + b.length + " objectives");
        }
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    /**
     * The indices (ascending) of the rows of {@code points} on the front; each row holds one value
     * per objective, all minimised. Of rows equal in every objective only the first is kept.
     */
    public static int[] indices(double[][] points) {
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            if (!Arrays.stream(points[i]).allMatch(Double::isFinite)) {
                throw new IllegalArgumentException("point " + i + " has a value that is not finite: "
                        + Arrays.toString(points[i]));
            }
            boolean onFront = true;
            for (int j = 0; j < points.length && onFront; j++) {
                onFront = !(dominates(points[j], points[i]) || (j < i && Arrays.equals(points[j], points[i])));
            }
            if (onFront) {
                front.add(i);
            }
        }
        return front.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The points of {@code points} on the front of {@code objectives}, sorted by the first
     * objective after accuracy (ascending), then by accuracy (descending).
     */
    public static List<OpPoint> of(List<OpPoint> points, Objective... objectives) {
        if (objectives.length == 0) {
            throw new IllegalArgumentException("a Pareto front needs at least one objective");
        }
        double[][] values = new double[points.size()][objectives.length];
        for (int i = 0; i < points.size(); i++) {
            for (int o = 0; o < objectives.length; o++) {
                values[i][o] = objectives[o].of(points.get(i));
            }
        }
        Objective order = Arrays.stream(objectives).filter(o -> o != Objective.ACCURACY).findFirst()
                .orElse(Objective.ACCURACY);
        Comparator<OpPoint> sort = Comparator.<OpPoint>comparingDouble(order::of)
                .thenComparingDouble(Objective.ACCURACY::of);
        return Arrays.stream(indices(values)).mapToObj(points::get).sorted(sort).toList();
    }
}
