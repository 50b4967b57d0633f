package org.dynnd.daemon.report;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dynnd.daemon.run.EmulatedLatency;
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
 * network's is taken from the host: its latency at k over the grouped network's at k = G, both
 * measured here in the same run, scales the grouped full model's cost on the board. The nested
 * figures on the board are therefore host-measured ratios put through the board model.
 *
 * @param folder the nested bundle's folder
 * @param absent why there is nothing to compare (the folder is missing or unreadable), or null
 * @param architecture the nested bundle's architecture
 * @param accuracyPercent its test accuracy per k (index k-1), from its manifest
 * @param parameterBytes bytes its inference reads per k, from its manifest
 * @param hostReferenceMs its host latency per k, measured as the grouped model's
 * @param relativeCost its cost per k relative to the grouped model at k = G
 * @param ranges its dynamic ranges on the board model, as {@link DynamicRanges#of}
 */
public record NestedComparison(Path folder, String absent, String architecture, List<Double> accuracyPercent,
        List<Long> parameterBytes, double[] hostReferenceMs, double[] relativeCost, List<DynamicRanges.Range> ranges) {

    /** The paper's claims for the grouped network over earlier dynamic DNNs. */
    public static final double PAPER_ENERGY_RANGE_RATIO = 2.36;
    public static final double PAPER_TIME_RANGE_RATIO = 2.73;
    public static final double PAPER_MEMORY_RATIO = 2.4;

    /** Whether there is a nested bundle to compare with. */
    public boolean present() {
        return absent == null;
    }

    /**
     * Reads and measures the nested bundle in {@code folder} on {@code board}; a missing or
     * unreadable folder gives an absent comparison that says why.
     *
     * @param groupedHostMs the grouped model's host reference per k, measured in the same run
     */
    public static NestedComparison measure(Path folder, BoardModel board, OpSpace space, double[] groupedHostMs,
            int referenceRuns, PrintStream progress) {
        if (!Files.isRegularFile(folder.resolve("manifest.json"))) {
            return absent(folder, "no nested-width bundle at " + folder + " (no manifest.json); this section is"
                    + " pending until that bundle is trained (make it, or name it with --nested-model DIR)");
        }
        try {
            Manifest manifest = ModelBundle.manifest(folder);
            if (manifest.groups() != groupedHostMs.length) {
                return absent(folder, "the nested bundle at " + folder + " has " + manifest.groups()
                        + " groups, the grouped model " + groupedHostMs.length + ": no like-for-like comparison");
            }
            progress.printf(Locale.ROOT, "nested: measuring %s from %s on the host%n", manifest.architecture(), folder);
            double[] host;
            try (DynamicModel nested = DynamicModel.open(folder)) {
                host = EmulatedLatency.hostReferenceMs(nested, referenceRuns);
            }
            double full = groupedHostMs[groupedHostMs.length - 1];
            double[] cost = new double[host.length];
            for (int k = 0; k < host.length; k++) {
                cost[k] = host[k] / full;
            }
            List<OpPoint> points = points(board, space, manifest.accuracy(), cost);
            return new NestedComparison(folder, null, manifest.architecture(), manifest.accuracy(),
                    manifest.parameterBytes(), host, cost, DynamicRanges.of(points));
        } catch (BundleException | RuntimeException e) {
            return absent(folder, "the nested bundle at " + folder + " could not be used: " + e.getMessage());
        }
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

    private static NestedComparison absent(Path folder, String why) {
        return new NestedComparison(folder, why, null, List.of(), List.of(), new double[0], new double[0], List.of());
    }

    /** The nested network's operating points: the board model's latency at its cost, the board's power. */
    static List<OpPoint> points(BoardModel board, OpSpace space, List<Double> accuracy, double[] cost) {
        return Characterisation.build(board, space, k -> accuracy.get(k - 1),
                i -> board.latencyMs(space.point(i), cost[space.k(i) - 1]));
    }
}
