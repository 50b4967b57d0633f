package org.dynnd.daemon.report;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.runtime.DynamicModel;

/**
 * The nested-width network (a new group reads every earlier group, the "wider channel" scheme of
 * earlier dynamic DNNs) next to the grouped one: accuracy per k, parameter bytes, and dynamic
 * ranges on the same board model.
 *
 * <p>The board model knows the grouped network's cost per k from its architecture; the nested
 * network's is taken from the host: at each k, its latency over the grouped network's, measured
 * here in the same rounds (the two models alternate, so a drift of the host lands on both), scales
 * the grouped network's cost of that k. Each latency is the least of its rounds: on a shared host
 * most inferences are preempted for a while, and a median of them measures the scheduler (two
 * identical models came out 1.6 times apart at some k), while the least is the compute. The nested figures on the board are therefore
 * host-measured ratios put through the board model.
 *
 * @param folder the nested bundle's folder
 * @param absent why there is nothing to compare (the folder is missing or unreadable), or null
 * @param architecture the nested bundle's architecture
 * @param accuracyPercent its test accuracy per k (index k-1), from its manifest
 * @param parameterBytes bytes its inference reads per k, from its manifest
 * @param hostMs its least host latency per k
 * @param groupedHostMs the grouped model's least host latency per k, in the same rounds
 * @param relativeCost its cost per k relative to the grouped model at k = G
 * @param ranges its dynamic ranges on the board model, as {@link DynamicRanges#of}
 */
public record NestedComparison(Path folder, String absent, String architecture, List<Double> accuracyPercent,
        List<Long> parameterBytes, double[] hostMs, double[] groupedHostMs, double[] relativeCost,
        List<DynamicRanges.Range> ranges) {

    /** The paper's claims for the grouped network over earlier dynamic DNNs. */
    public static final double PAPER_ENERGY_RANGE_RATIO = 2.36;
    public static final double PAPER_TIME_RANGE_RATIO = 2.73;
    public static final double PAPER_MEMORY_RATIO = 2.4;
    /** Rounds over every k of both models before timing. */
    static final int WARM_ROUNDS = 5;

    /** Whether there is a nested bundle to compare with. */
    public boolean present() {
        return absent == null;
    }

    /**
     * Reads and measures the nested bundle in {@code folder} against {@code grouped} on
     * {@code board}; a missing or unreadable folder gives an absent comparison that says why.
     *
     * @param groupedCost the grouped model's relative cost per k (index k-1), as the board model has it
     * @param rounds timed inferences per k of each model
     */
    public static NestedComparison measure(Path folder, DynamicModel grouped, double[] groupedCost, BoardModel board,
            OpSpace space, int rounds, PrintStream progress) {
        Optional<NestedComparison> missing = missing(folder);
        if (missing.isPresent()) {
            return missing.get();
        }
        try {
            Manifest manifest = ModelBundle.manifest(folder);
            if (manifest.groups() != grouped.groups()) {
                return absent(folder, "the nested bundle at " + folder + " has " + manifest.groups()
                        + " groups, the grouped model " + grouped.groups() + ": no like-for-like comparison");
            }
            progress.printf(Locale.ROOT, "nested: measuring %s from %s against the grouped model on the host, %d rounds%n",
                    manifest.architecture(), folder, rounds);
            double[][] ms;
            try (DynamicModel nested = DynamicModel.open(folder)) {
                ms = alternate(grouped, nested, rounds);
            }
            double[] groupedHost = new double[grouped.groups()];
            double[] host = new double[grouped.groups()];
            double[] cost = new double[grouped.groups()];
            for (int k = 0; k < cost.length; k++) {
                groupedHost[k] = Arrays.stream(ms[2 * k]).min().orElseThrow();
                host[k] = Arrays.stream(ms[2 * k + 1]).min().orElseThrow();
                cost[k] = groupedCost[k] * host[k] / groupedHost[k];
            }
            List<OpPoint> points = points(board, space, manifest.accuracy(), cost);
            return new NestedComparison(folder, null, manifest.architecture(), manifest.accuracy(),
                    manifest.parameterBytes(), host, groupedHost, cost, DynamicRanges.of(points));
        } catch (BundleException | RuntimeException e) {
            return absent(folder, "the nested bundle at " + folder + " could not be used: " + e.getMessage());
        }
    }

    /** The comparison that says there is no bundle in {@code folder}, when there is none. */
    static Optional<NestedComparison> missing(Path folder) {
        if (Files.isRegularFile(folder.resolve("manifest.json"))) {
            return Optional.empty();
        }
        return Optional.of(absent(folder, "no nested-width bundle at " + folder + " (no manifest.json); this section is"
                + " pending until that bundle is trained (make it, or name it with --nested-model DIR)"));
    }

    /**
     * Host times in ms: row 2(k-1) the grouped model's at k, row 2(k-1)+1 the nested one's, round
     * after round, the two models taking turns at each k.
     */
    private static double[][] alternate(DynamicModel grouped, DynamicModel nested, int rounds) {
        byte[] image = new byte[32 * 32 * 3];
        int groups = grouped.groups();
        double[][] ms = new double[2 * groups][rounds];
        for (int r = -WARM_ROUNDS; r < rounds; r++) {
            for (int k = 1; k <= groups; k++) {
                for (int turn = 0; turn < 2; turn++) {
                    // Whichever model runs first after a change of k is slower: the order swaps every round.
                    int m = (turn + r + WARM_ROUNDS) % 2;
                    long start = System.nanoTime();
                    (m == 0 ? grouped : nested).classify(image, k);
                    if (r >= 0) {
                        ms[2 * (k - 1) + m][r] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        }
        return ms;
    }

    /** The nested network's widest range (pruning + mapping + DVFS). */
    public DynamicRanges.Range widest() {
        return ranges.get(ranges.size() - 1);
    }

    /** Parameter bytes of the nested network at k = G over the grouped one's ({@code grouped}) at k = G. */
    public double memoryRatio(Manifest grouped) {
        return (double) parameterBytes.get(parameterBytes.size() - 1)
                / grouped.parameterBytes().get(grouped.groups() - 1);
    }

    /**
     * How many times wider the grouped network's time range ({@code grouped}: its widest, from the
     * board model alone, as the nested network's) is than the nested one's.
     */
    public double timeRangeRatio(DynamicRanges.Range grouped) {
        return grouped.timeRatio() / widest().timeRatio();
    }

    /** How many times wider the grouped network's energy range is than the nested one's. */
    public double energyRangeRatio(DynamicRanges.Range grouped) {
        return grouped.energyRatio() / widest().energyRatio();
    }

    static NestedComparison absent(Path folder, String why) {
        return new NestedComparison(folder, why, null, List.of(), List.of(), new double[0], new double[0], new double[0],
                List.of());
    }

    /** The nested network's operating points: the board model's latency at its cost, the board's power. */
    static List<OpPoint> points(BoardModel board, OpSpace space, List<Double> accuracy, double[] cost) {
        return Characterisation.build(board, space, k -> accuracy.get(k - 1),
                i -> board.latencyMs(space.point(i), cost[space.k(i) - 1]));
    }
}
