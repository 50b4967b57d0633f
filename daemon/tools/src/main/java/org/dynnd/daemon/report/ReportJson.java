package org.dynnd.daemon.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.dynnd.daemon.report.ParetoFront.Objective;
import org.dynnd.daemon.scenario.MetricsJson;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.sim.Metrics;

/** {@code report.json}: every number of the report, with the data it was computed from. */
final class ReportJson {

    private ReportJson() {}

    static ObjectNode of(ObjectMapper mapper, ReportContent c) {
        ObjectNode root = mapper.createObjectNode();
        root.put("platform", c.platform());
        root.put("board_model", c.boardModel());
        root.put("host", c.host());
        root.put("measure_seconds", c.measureSeconds());
        ArrayNode sources = root.putArray("sources");
        c.sources().forEach(sources::add);
        model(root.putObject("model"), c);
        host(root.putObject("host_latency"), c.characterisation());
        ArrayNode units = root.putArray("units_at_max_frequency");
        for (ComputeUnit unit : c.characterisation().space().units()) {
            ObjectNode u = units.addObject();
            u.put("unit", unit.name());
            u.put("frequency_khz", unit.maxFrequencyKHz());
            points(u.putArray("per_k"), c.characterisation().atMaxFrequency(unit.name()));
        }
        points(root.putArray("operating_points"), c.characterisation().points());
        points(root.putArray("board_model_operating_points"), c.characterisation().modelPoints());
        ObjectNode fronts = root.putObject("pareto_fronts");
        fronts.put("definition", "maximise accuracy, minimise the named figure; a point is on the front when no other"
                + " point is as good in both and better in one; of points equal in both only the first is kept");
        List<OpPoint> points = c.characterisation().points();
        indices(fronts.putArray("latency"), ParetoFront.of(points, Objective.ACCURACY, Objective.LATENCY));
        indices(fronts.putArray("energy"), ParetoFront.of(points, Objective.ACCURACY, Objective.ENERGY));
        indices(fronts.putArray("power"), ParetoFront.of(points, Objective.ACCURACY, Objective.POWER));
        ObjectNode ranges = root.putObject("dynamic_ranges");
        ranges.put("definition", "largest over least latency (energy) among the Pareto-optimal points of the level's"
                + " operating points, the front taken over accuracy (max), latency, energy and power (min)");
        ranges.put("paper_time_ratio", ReportContent.PAPER_TIME_RATIO);
        ranges.put("paper_energy_ratio", ReportContent.PAPER_ENERGY_RATIO);
        ranges(ranges.putArray("levels"), c.ranges());
        ranges(ranges.putArray("board_model_levels"), c.modelRanges());
        root.put("measured_on_board", c.onBoard());
        if (c.governor().isPresent()) {
            governor(root.putObject("governor"), c.governor().get());
        } else {
            root.putNull("governor");
        }
        nested(root.putObject("nested"), c);
        return root;
    }

    private static void model(ObjectNode m, ReportContent c) {
        m.put("folder", c.modelFolder().toString());
        m.put("architecture", c.manifest().architecture());
        m.put("groups", c.manifest().groups());
        m.put("accuracy_source", "manifest: measured on " + c.manifest().dataset().testImages() + " test images of "
                + c.manifest().dataset().source() + " when the bundle was trained");
        doubles(m.putArray("accuracy_percent"), c.manifest().accuracy());
        if (c.manifest().denseAccuracy() == null) {
            m.putNull("dense_accuracy_percent");
        } else {
            m.put("dense_accuracy_percent", c.manifest().denseAccuracy());
        }
        ArrayNode bytes = m.putArray("parameter_bytes");
        c.manifest().parameterBytes().forEach(bytes::add);
        if (c.accuracyCheck().isPresent()) {
            AccuracyCheck check = c.accuracyCheck().get();
            ObjectNode remeasured = m.putObject("remeasured_accuracy");
            remeasured.put("data", check.data());
            remeasured.put("images", check.images());
            array(remeasured.putArray("accuracy_percent"), check.accuracyPercent());
        } else {
            m.putNull("remeasured_accuracy");
        }
        ObjectNode memory = m.putObject("memory");
        memory.put("grouped_bytes", c.memory().groupedBytes());
        memory.put("separate_models_bytes", c.memory().separateModelsBytes());
        memory.put("ratio", c.memory().ratio());
    }

    private static void host(ObjectNode h, Characterisation ch) {
        array(h.putArray("reference_ms"), ch.hostReferenceMs());
        array(h.putArray("median_ms"), ch.hostMedianMs());
        array(h.putArray("least_ms"), ch.hostLeastMs());
        ArrayNode samples = h.putArray("samples_ms");
        for (double[] k : ch.hostSamplesMs()) {
            array(samples.addArray(), k);
        }
    }

    static void points(ArrayNode list, List<OpPoint> points) {
        for (OpPoint p : points) {
            ObjectNode n = list.addObject();
            n.put("index", p.index());
            n.put("k", p.k());
            n.put("unit", p.unit());
            n.put("frequency_khz", p.frequencyKHz());
            n.put("max_frequency", p.maxFrequency());
            n.put("accuracy_percent", p.accuracyPercent());
            n.put("latency_ms", p.latencyMs());
            n.put("power_w", p.powerW());
            n.put("energy_mj", p.energyMj());
        }
    }

    private static void indices(ArrayNode list, List<OpPoint> points) {
        points.forEach(p -> list.add(p.index()));
    }

    static void ranges(ArrayNode list, List<DynamicRanges.Range> ranges) {
        for (DynamicRanges.Range r : ranges) {
            ObjectNode n = list.addObject();
            n.put("level", r.level());
            n.put("candidates", r.candidates());
            indices(n.putArray("front"), r.front());
            n.put("min_latency_ms", r.minLatencyMs());
            n.put("max_latency_ms", r.maxLatencyMs());
            n.put("time_ratio", r.timeRatio());
            n.put("min_energy_mj", r.minEnergyMj());
            n.put("max_energy_mj", r.maxEnergyMj());
            n.put("energy_ratio", r.energyRatio());
        }
    }

    private static void governor(ObjectNode g, GovernorSection section) {
        g.put("board_model", section.board());
        g.put("seed", section.seed());
        ArrayNode scenarios = g.putArray("scenarios");
        for (GovernorSection.ScenarioResult s : section.scenarios()) {
            ObjectNode n = scenarios.addObject();
            n.put("scenario", s.scenario());
            n.put("objective", s.objective());
            n.put("periods", s.periods());
            ArrayNode policies = n.putArray("policies");
            for (Metrics m : s.metrics()) {
                MetricsJson.put(policies.addObject(), m);
            }
            ArrayNode notBeaten = n.putArray("not_beaten_by_dynnd");
            s.notBeaten().forEach(notBeaten::add);
        }
        GovernorSection.TimeSeries t = section.series();
        ObjectNode series = g.putObject("time_series");
        series.put("scenario", t.scenario());
        series.put("period_ms", t.periodMs());
        series(series.putObject("power_w"), t.powerW());
        series(series.putObject("accuracy_percent"), t.accuracyPercent());
        array(series.putArray("power_cap_w"), t.powerCapW());
        array(series.putArray("min_accuracy_percent"), t.minAccuracyPercent());
    }

    private static void series(ObjectNode node, Map<String, double[]> byPolicy) {
        byPolicy.forEach((policy, values) -> array(node.putArray(policy), values));
    }

    private static void nested(ObjectNode n, ReportContent c) {
        NestedComparison nested = c.nested();
        n.put("folder", nested.folder().toString());
        n.put("present", nested.present());
        n.put("paper_energy_range_ratio", NestedComparison.PAPER_ENERGY_RANGE_RATIO);
        n.put("paper_time_range_ratio", NestedComparison.PAPER_TIME_RANGE_RATIO);
        n.put("paper_memory_ratio", NestedComparison.PAPER_MEMORY_RATIO);
        if (!nested.present()) {
            n.put("absent", nested.absent());
            return;
        }
        n.put("architecture", nested.architecture());
        doubles(n.putArray("accuracy_percent"), nested.accuracyPercent());
        ArrayNode bytes = n.putArray("parameter_bytes");
        nested.parameterBytes().forEach(bytes::add);
        array(n.putArray("host_min_ms"), nested.hostMs());
        array(n.putArray("grouped_host_min_ms"), nested.groupedHostMs());
        array(n.putArray("relative_cost"), nested.relativeCost());
        ranges(n.putArray("dynamic_ranges"), nested.ranges());
        ObjectNode ratios = n.putObject("grouped_over_nested");
        ratios.put("memory_ratio", nested.memoryRatio(c.manifest()));
        ratios.put("time_range_ratio", nested.timeRangeRatio(c.widestModel()));
        ratios.put("energy_range_ratio", nested.energyRangeRatio(c.widestModel()));
    }

    private static void doubles(ArrayNode list, List<Double> values) {
        values.forEach(list::add);
    }

    private static void array(ArrayNode list, double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                list.addNull();
            } else {
                list.add(v);
            }
        }
    }
}
