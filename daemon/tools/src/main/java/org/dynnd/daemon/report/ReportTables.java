package org.dynnd.daemon.report;

import static org.dynnd.daemon.pages.Pages.fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.sim.Metrics;

/** The report's text: its sections as headings, paragraphs, tables and figures, from {@link ReportContent}. */
final class ReportTables {

    private ReportTables() {}

    static List<Block> blocks(ReportContent c) {
        List<Block> b = new ArrayList<>();
        b.add(new Block.Paragraph(String.format(Locale.ROOT, "%s (%s, %d groups) on %s; measured and simulated in %.0f s.",
                c.modelFolder().getFileName(), c.manifest().architecture(), c.manifest().groups(), c.platform(),
                c.measureSeconds())));
        b.add(new Block.Heading(2, "Where the figures come from"));
        c.sources().forEach(s -> b.add(new Block.Paragraph(s)));
        accuracy(b, c);
        perUnit(b, c);
        space(b);
        ranges(b, c);
        if (c.governor().isPresent()) {
            governor(b, c.governor().get());
        } else {
            b.add(new Block.Heading(2, "5. The governor against the baselines"));
            b.add(new Block.Paragraph("Not simulated: the simulator runs on a board model, and " + c.platform()
                    + " has none."));
        }
        nested(b, c);
        return b;
    }

    private static void accuracy(List<Block> b, ReportContent c) {
        b.add(new Block.Heading(2, "1. Accuracy per k and memory"));
        List<List<String>> rows = new ArrayList<>();
        double[] remeasured = c.accuracyCheck().map(AccuracyCheck::accuracyPercent).orElse(null);
        for (int k = 1; k <= c.manifest().groups(); k++) {
            List<String> row = new ArrayList<>(List.of("k=" + k, fixed(c.manifest().accuracy(k), 2)));
            if (remeasured != null) {
                row.add(fixed(remeasured[k - 1], 2));
            }
            row.add(String.valueOf(c.manifest().parameterBytes().get(k - 1)));
            rows.add(row);
        }
        Double dense = c.manifest().denseAccuracy();
        List<String> denseRow = new ArrayList<>(List.of("dense reference", dense == null ? "-" : fixed(dense, 2)));
        if (remeasured != null) {
            denseRow.add("-");
        }
        denseRow.add("-");
        rows.add(denseRow);
        List<String> headers = new ArrayList<>(List.of("width", "top-1 accuracy % (manifest, "
                + c.manifest().dataset().testImages() + " images)"));
        c.accuracyCheck().ifPresent(check -> headers.add("re-measured % (" + check.images() + " images)"));
        headers.add("parameter bytes read");
        b.add(new Block.Table(headers, rows));
        MemoryFootprint m = c.memory();
        b.add(new Block.Paragraph(String.format(Locale.ROOT, "Memory: the one grouped model stores %d bytes; one dense"
                + " model per k (widths 1/%d..%d/%d) would store %d bytes, %.2fx as much.", m.groupedBytes(),
                c.manifest().groups(), c.manifest().groups(), c.manifest().groups(), m.separateModelsBytes(), m.ratio())));
        b.add(new Block.Figure("accuracy.png", "Top-1 test accuracy per k (manifest), the dense reference dashed."));
    }

    private static void perUnit(List<Block> b, ReportContent c) {
        b.add(new Block.Heading(2, "2. Latency and energy per inference at maximum frequency"));
        b.add(new Block.Paragraph(c.onBoard()
                ? "Host ms: the board's own inference time without pinning, at its own governor, the median and the"
                        + " least of the samples; measured ms: the calibration's latency fit t = a/f + b at the unit's"
                        + " maximum frequency (measured there); model ms: the board model's latency alone (the"
                        + " measurement again when the board has no model); mJ: the measured busy power times the"
                        + " measured latency."
                : "Host ms: the host's own inference time, the median and the least of the samples"
                        + " (on a busy host the median is mostly time waiting for a CPU); emulated ms: the median of the"
                        + " host's samples mapped to the board as the emulated daemon maps them; model ms: the board"
                        + " model's latency alone; mJ: the board model's power times the emulated latency."));
        List<String> headers = new ArrayList<>(List.of("k", "host ms (median)", "host ms (least)"));
        for (ComputeUnit u : c.characterisation().space().units()) {
            String at = u.name() + "@" + u.maxFrequencyKHz() / 1000 + "MHz";
            headers.addAll(List.of(at + (c.onBoard() ? " measured ms" : " emulated ms"), "model ms", "mJ"));
        }
        List<List<String>> rows = new ArrayList<>();
        double[] host = c.characterisation().hostMedianMs();
        double[] least = c.characterisation().hostLeastMs();
        for (int k = 1; k <= c.manifest().groups(); k++) {
            List<String> row = new ArrayList<>(List.of("k=" + k, fixed(host[k - 1], 2), fixed(least[k - 1], 2)));
            for (ComputeUnit u : c.characterisation().space().units()) {
                OpPoint p = c.characterisation().atMaxFrequency(u.name()).get(k - 1);
                OpPoint model = c.characterisation().modelAtMaxFrequency(u.name()).get(k - 1);
                row.addAll(List.of(fixed(p.latencyMs(), 2), fixed(model.latencyMs(), 2), fixed(p.energyMj(), 2)));
            }
            rows.add(row);
        }
        b.add(new Block.Table(headers, rows));
        b.add(new Block.Figure("latency-per-unit.png", "Latency per inference per k on each unit at its maximum frequency."));
        b.add(new Block.Figure("energy-per-unit.png", "Energy per inference per k on each unit at its maximum frequency."));
    }

    private static void space(List<Block> b) {
        b.add(new Block.Heading(2, "3. The whole OP space (k x unit x frequency)"));
        b.add(new Block.Paragraph("Each mark is an operating point; the line joins the Pareto front of the plot: points"
                + " that no other point matches or beats in both accuracy (higher) and the plotted figure (lower)."));
        b.add(new Block.Figure("space-latency.png", "Accuracy against latency per inference, every operating point."));
        b.add(new Block.Figure("space-energy.png", "Accuracy against energy per inference, every operating point."));
        b.add(new Block.Figure("space-power.png", "Accuracy against power while inference runs, every operating point."));
    }

    private static void ranges(List<Block> b, ReportContent c) {
        b.add(new Block.Heading(2, "4. Dynamic ranges"));
        b.add(new Block.Paragraph("Largest over least latency (and energy per inference) among the Pareto-optimal points"
                + " of each level: the front over accuracy (max) and latency, energy and power (min). Pruning alone: every k"
                + " on the fastest unit at its maximum frequency; + mapping: every unit at its maximum frequency; + DVFS:"
                + " every frequency. The paper reports 41.6x time and 10.6x energy over its whole space."));
        b.add(new Block.Paragraph(c.onBoard()
                ? "Measured on the board " + c.platform() + " (latency from the calibration's fit, power from its sensors):"
                : "Measured on the emulated board (host jitter included, as the emulated daemon sees it):"));
        b.add(rangeTable(c.ranges()));
        b.add(new Block.Paragraph(c.boardModel().isEmpty()
                ? "No board model: the same measured points again."
                : "The board model alone (interference-free, what the governor's profile starts from):"));
        b.add(rangeTable(c.modelRanges()));
    }

    static Block.Table rangeTable(List<DynamicRanges.Range> ranges) {
        List<List<String>> rows = new ArrayList<>();
        for (DynamicRanges.Range r : ranges) {
            rows.add(List.of(r.level(), String.valueOf(r.candidates()), String.valueOf(r.front().size()),
                    fixed(r.minLatencyMs(), 2) + " - " + fixed(r.maxLatencyMs(), 2), fixed(r.timeRatio(), 2) + "x",
                    fixed(r.minEnergyMj(), 2) + " - " + fixed(r.maxEnergyMj(), 2), fixed(r.energyRatio(), 2) + "x"));
        }
        rows.add(List.of("paper (Xun et al. 2019)", "-", "-", "-", fixed(ReportContent.PAPER_TIME_RATIO, 1) + "x", "-",
                fixed(ReportContent.PAPER_ENERGY_RATIO, 1) + "x"));
        return new Block.Table(List.of("level", "points", "on front", "latency ms", "time range", "energy mJ",
                "energy range"), rows);
    }

    private static void governor(List<Block> b, GovernorSection g) {
        b.add(new Block.Heading(2, "5. The governor against the baselines"));
        b.add(new Block.Paragraph("Simulated on the board model " + g.board() + " with seed " + g.seed() + ", as dynnd"
                + " simulate runs the shipped scenarios. late, power, energy, acc<: shares of violations after each"
                + " change's settling window; all-viol: every period; E/oracle: energy over the oracle's; acc-oracle:"
                + " accuracy points against the oracle; settle: mean/max periods to settle after a change."));
        for (GovernorSection.ScenarioResult s : g.scenarios()) {
            b.add(new Block.Heading(3, s.scenario() + " (" + s.objective() + ", " + s.periods() + " periods)"));
            List<List<String>> rows = new ArrayList<>();
            for (Metrics m : s.metrics()) {
                rows.add(List.of(m.policy(), pct(m.latencyViolationShare()), pct(m.powerViolationShare()),
                        pct(m.energyViolationShare()), pct(m.accuracyViolationShare()), pct(m.violationsAllPeriods()),
                        fixed(m.energyVsOracle(), 3), String.format(Locale.ROOT, "%+.2f", m.accuracyVsOracle()),
                        fixed(m.settlingMean(), 1) + "/" + m.settlingMax()));
            }
            b.add(new Block.Table(List.of("policy", "late %", "power %", "energy %", "acc< %", "all-viol %", "E/oracle",
                    "acc-oracle", "settle"), rows));
            b.add(new Block.Paragraph(s.notBeaten().isEmpty() ? "dynnd beats every baseline on the combined measure."
                    : "dynnd does not beat: " + String.join(", ", s.notBeaten()) + "."));
        }
        b.add(new Block.Figure("governor-power.png", "Scenario " + g.series().scenario()
                + ": average power per period of dynnd, the oracle and performance, against the power cap (dashed)."));
        b.add(new Block.Figure("governor-accuracy.png", "Scenario " + g.series().scenario()
                + ": mean accuracy per period (the scenario's illustrative accuracies)."));
    }

    private static void nested(List<Block> b, ReportContent c) {
        b.add(new Block.Heading(2, "6. Nested-width comparison"));
        NestedComparison n = c.nested();
        if (!n.present()) {
            b.add(new Block.Paragraph("Not compared: " + n.absent() + "."));
            return;
        }
        b.add(new Block.Paragraph("The nested-width network (" + n.architecture() + ", " + n.folder().getFileName()
                + "): a new group reads every earlier group. Its latency per k is measured on this host against the grouped"
                + " model's, the two alternating in the same rounds; on the board its cost at each k is the grouped model's"
                + " cost at that k scaled by that host ratio."));
        List<List<String>> rows = new ArrayList<>();
        for (int k = 1; k <= c.manifest().groups(); k++) {
            rows.add(List.of("k=" + k, fixed(c.manifest().accuracy(k), 2), fixed(n.accuracyPercent().get(k - 1), 2),
                    String.valueOf(c.manifest().parameterBytes().get(k - 1)), String.valueOf(n.parameterBytes().get(k - 1)),
                    fixed(n.groupedHostMs()[k - 1], 2), fixed(n.hostMs()[k - 1], 2)));
        }
        b.add(new Block.Table(List.of("k", "grouped acc %", "nested acc %", "grouped bytes", "nested bytes",
                "grouped host ms (least)", "nested host ms (least)"), rows));
        b.add(new Block.Paragraph("Nested network's dynamic ranges on the board model:"));
        b.add(rangeTable(n.ranges()));
        b.add(new Block.Table(List.of("grouped over nested", "measured", "paper"), List.of(
                List.of("time range, pruning+mapping+dvfs", fixed(n.timeRangeRatio(c.widestModel()), 2) + "x",
                        fixed(NestedComparison.PAPER_TIME_RANGE_RATIO, 2) + "x"),
                List.of("energy range, pruning+mapping+dvfs", fixed(n.energyRangeRatio(c.widestModel()), 2) + "x",
                        fixed(NestedComparison.PAPER_ENERGY_RANGE_RATIO, 2) + "x"),
                List.of("memory (nested bytes over grouped, k=G)", fixed(n.memoryRatio(c.manifest()), 2) + "x",
                        fixed(NestedComparison.PAPER_MEMORY_RATIO, 1) + "x"))));
    }

    private static String pct(double share) {
        return fixed(100 * share, 2);
    }
}
