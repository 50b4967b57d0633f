package org.dynnd.daemon.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dynnd.models.bundle.Manifest;

/**
 * Everything {@code dynnd report} shows, measured or computed once; the JSON, the tables and the
 * plots are all drawn from it.
 *
 * @param platform the platform as given ({@code emulated:odroid-xu3})
 * @param boardModel the board model's name
 * @param host what the host is (CPUs, architecture), for the host-measured figures
 * @param modelFolder the grouped bundle's folder
 * @param manifest the grouped bundle's manifest
 * @param memory its parameter bytes against one model per k
 * @param accuracyCheck the accuracy re-measured on a subset of the test images, when asked for
 * @param characterisation every operating point, measured
 * @param ranges the dynamic ranges of the three levels, measured
 * @param modelRanges the same from the board model alone (no host jitter)
 * @param governor the governor against the baselines
 * @param nested the nested-width comparison (possibly absent)
 * @param measureSeconds how long measuring and simulating took
 */
public record ReportContent(String platform, String boardModel, String host, Path modelFolder,
        Manifest manifest, MemoryFootprint memory, Optional<AccuracyCheck> accuracyCheck,
        Characterisation characterisation, List<DynamicRanges.Range> ranges,
        List<DynamicRanges.Range> modelRanges,
        GovernorSection governor, NestedComparison nested, double measureSeconds) {

    /** The paper's dynamic range over its Pareto-optimal points (Xun et al., MLCAD 2019). */
    public static final double PAPER_TIME_RATIO = 41.6;
    public static final double PAPER_ENERGY_RATIO = 10.6;

    public ReportContent {
        ranges = List.copyOf(ranges);
        modelRanges = List.copyOf(modelRanges);
    }

    /** The range of pruning + mapping + DVFS, the widest level. */
    public DynamicRanges.Range widest() {
        return ranges.get(ranges.size() - 1);
    }

    /** The board model's range of pruning + mapping + DVFS. */
    public DynamicRanges.Range widestModel() {
        return modelRanges.get(modelRanges.size() - 1);
    }

    /** Which figures come from where, in the report's words (the board is emulated on this host). */
    public List<String> sources() {
        return List.of(
                "Measured on this host (" + host + "): the latency of every k, run for real through the same model"
                        + " the daemon serves (the samples and the reference are in report.json).",
                "From the board model of " + boardModel + ": the latency of each k on each unit and frequency (the"
                        + " emulated daemon's mapping: the board model's latency plus the host's deviation from its typical"
                        + " time), the power of every operating point, and so the energy per inference (power x latency).",
                "From the bundle's manifest: accuracy per k and of the dense reference, measured on the "
                        + manifest.dataset().testImages() + " test images of " + manifest.dataset().source()
                        + " when the bundle was trained; parameter bytes per k."
                        + accuracyCheck.map(a -> " Re-measured here on the first " + a.images() + " test images of "
                                + a.data() + ", one image at a time through the served model.").orElse(""),
                "From the governor's simulator on the board model: the governor and baseline table and time series"
                        + " (the shipped scenarios, with their own illustrative accuracies, as dynnd simulate runs them).");
    }
}
