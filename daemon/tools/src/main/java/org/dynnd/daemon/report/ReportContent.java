package org.dynnd.daemon.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dynnd.models.bundle.Manifest;

/**
 * Everything {@code dynnd report} shows, measured or computed once; the JSON, the tables and the
 * plots are all drawn from it.
 *
 * @param platform the platform as given ({@code emulated:odroid-xu3}), or the real board's preset name
 * @param onBoard whether the points were measured on the real board (calibrated) rather than emulated
 * @param boardModel the board model's name, empty when the real board has none
 * @param host what the host is (CPUs, architecture), for the host-measured figures
 * @param modelFolder the grouped bundle's folder
 * @param manifest the grouped bundle's manifest
 * @param memory its parameter bytes against one model per k
 * @param accuracyCheck the accuracy re-measured on a subset of the test images, when asked for
 * @param characterisation every operating point, measured
 * @param ranges the dynamic ranges of the three levels, measured
 * @param modelRanges the same from the board model alone (no host jitter)
 * @param governor the governor against the baselines, simulated on the board model (empty without one)
 * @param nested the nested-width comparison (possibly absent)
 * @param measureSeconds how long measuring and simulating took
 */
public record ReportContent(String platform, boolean onBoard, String boardModel, String host, Path modelFolder,
        Manifest manifest, MemoryFootprint memory, Optional<AccuracyCheck> accuracyCheck,
        Characterisation characterisation, List<DynamicRanges.Range> ranges,
        List<DynamicRanges.Range> modelRanges,
        Optional<GovernorSection> governor, NestedComparison nested, double measureSeconds) {

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

    /** Which figures come from where, in the report's words. */
    public List<String> sources() {
        String accuracy = "From the bundle's manifest: accuracy per k and of the dense reference, measured on the "
                + manifest.dataset().testImages() + " test images of " + manifest.dataset().source()
                + " when the bundle was trained; parameter bytes per k."
                + accuracyCheck.map(a -> " Re-measured here on the first " + a.images() + " test images of "
                        + a.data() + ", one image at a time through the served model.").orElse("");
        String simulated = governor.isPresent()
                ? "From the governor's simulator on the board model: the governor and baseline table and time series"
                        + " (the shipped scenarios, with their own illustrative accuracies, as dynnd simulate runs them)."
                : "Not shown: the governor against the baselines, and the nested-width comparison; both are simulated"
                        + " on a board model, and " + platform + " has none.";
        if (onBoard) {
            return List.of(
                    "Measured on the board " + platform + " (" + host + "), by the daemon's calibration: each unit's"
                            + " frequency set through its knob, inference pinned to the unit, power read from the board's"
                            + " sensors. The power of every operating point is the busy power measured at its unit and"
                            + " frequency (at full width: power hardly depends on k), the energy per inference that power"
                            + " times the latency.",
                    "From the calibration's fit: the latency of each k on each unit was measured at three frequencies"
                            + " (lowest, middle, highest) and fitted with t = a/f + b; every operating point's latency,"
                            + " measured or not, is that fit's.",
                    "Measured on the board without pinning, at its own governor: the host latency per k (the samples"
                            + " and the reference are in report.json).",
                    boardModel.isEmpty()
                            ? "No board model: the board-model columns and board_model_* entries repeat the measurement."
                            : "From the board model of " + boardModel + ", shown next to the measurement: its latency"
                                    + " and power of every operating point.",
                    accuracy, simulated);
        }
        return List.of(
                "Measured on this host (" + host + "): the latency of every k, run for real through the same model"
                        + " the daemon serves (the samples and the reference are in report.json).",
                "From the board model of " + boardModel + ": the latency of each k on each unit and frequency (the"
                        + " emulated daemon's mapping: the board model's latency plus the host's deviation from its typical"
                        + " time), the power of every operating point, and so the energy per inference (power x latency).",
                accuracy, simulated);
    }
}
