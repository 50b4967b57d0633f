package org.dynnd.daemon.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.service.TelemetrySample;

/**
 * Writes the latest sample in the Prometheus text exposition format for node_exporter's
 * textfile collector. The collector may read at any moment, so the file is written beside the
 * target under a temporary name and renamed over it: a reader sees the old or the new file,
 * never half of one.
 */
public final class PrometheusTextFile {

    private final Path target;

    /** @param target the {@code .prom} file, in a directory the collector reads */
    public PrometheusTextFile(Path target) {
        this.target = target;
    }

    /** The file this writer replaces. */
    public Path target() {
        return target;
    }

    /** Replaces the file with {@code sample} and the effective budget {@code budget}. */
    public void write(TelemetrySample sample, ClientBudget budget) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(temp, render(sample, budget), StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The exposition text for {@code sample} and {@code budget}. */
    public static String render(TelemetrySample s, ClientBudget budget) {
        StringBuilder out = new StringBuilder(1024);
        gauge(out, "dynnd_op_groups", "Active channel groups k of the current operating point.", s.op().groups());
        out.append("# HELP dynnd_op_frequency_hertz Frequency of the current operating point's compute unit.\n")
                .append("# TYPE dynnd_op_frequency_hertz gauge\n")
                .append("dynnd_op_frequency_hertz{unit=\"").append(escape(s.op().unit())).append("\"} ")
                .append(number(s.op().frequencyKhz() * 1000.0)).append('\n');
        gauge(out, "dynnd_latency_p50_seconds", "Median latency per inference.", s.latencyP50Ms() / 1000);
        gauge(out, "dynnd_latency_p95_seconds", "95th percentile latency per inference.", s.latencyP95Ms() / 1000);
        gauge(out, "dynnd_power_watts", "Average power of the board's total rail over the last period.", s.totalPowerW());
        out.append("# HELP dynnd_rail_power_watts Average power per rail over the last period.\n")
                .append("# TYPE dynnd_rail_power_watts gauge\n");
        for (Map.Entry<String, Double> rail : new TreeMap<>(s.railPowerW()).entrySet()) {
            out.append("dynnd_rail_power_watts{rail=\"").append(escape(rail.getKey())).append("\"} ")
                    .append(number(rail.getValue())).append('\n');
        }
        gauge(out, "dynnd_energy_per_inference_joules", "Energy per inference over the last period.",
                s.energyPerInferenceMj() / 1000);
        gauge(out, "dynnd_accuracy_ratio", "Top-1 accuracy of the active group count.", s.accuracy() / 100);
        out.append("# HELP dynnd_inferences_period Inferences completed in the last control period.\n")
                .append("# TYPE dynnd_inferences_period gauge\n")
                .append("dynnd_inferences_period ").append(s.inferences()).append('\n');
        out.append("# HELP dynnd_latency_violations_total Latency budget violations since start.\n")
                .append("# TYPE dynnd_latency_violations_total counter\n")
                .append("dynnd_latency_violations_total ").append(s.violations()).append('\n');
        gauge(out, "dynnd_degraded", "1 while any degraded condition is in force.", s.degraded().isEmpty() ? 0 : 1);
        gauge(out, "dynnd_budget_latency_seconds", "Effective latency budget (NaN: none).", scaled(budget.latencyMs(), 1e-3));
        gauge(out, "dynnd_budget_energy_joules", "Effective energy budget (NaN: none).", scaled(budget.energyMj(), 1e-3));
        gauge(out, "dynnd_budget_power_watts", "Effective power budget (NaN: none).", scaled(budget.powerW(), 1));
        gauge(out, "dynnd_budget_min_accuracy_ratio", "Effective accuracy floor (NaN: none).",
                scaled(budget.minAccuracy(), 0.01));
        out.append("# HELP dynnd_sample_timestamp_seconds When the sample was taken.\n")
                .append("# TYPE dynnd_sample_timestamp_seconds gauge\n")
                .append("dynnd_sample_timestamp_seconds ").append(number(s.timeMillis() / 1000.0)).append('\n');
        return out.toString();
    }

    private static double scaled(Double value, double factor) {
        return value == null ? Double.NaN : value * factor;
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(number(value)).append('\n');
    }

    /** Prometheus spells the special values NaN, +Inf and -Inf. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
