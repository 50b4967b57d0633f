package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code dynnctl status}: the effective budget and its sources, the operating point, the measurements. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the effective budget, the operating point and the latest measurements.")
public final class StatusCommand extends OneRequestCommand {

    @Override
    String op() {
        return "status";
    }

    @Override
    void print(JsonNode s, PrintWriter out) {
        out.printf("operating point  %s (%s)%n", s.path("op").path("label").asText(),
                s.path("feasible").asBoolean() ? "feasible" : "INFEASIBLE: best effort");
        out.printf("effective budget %s%n", budgetText(s.path("effective")));
        for (JsonNode lease : s.path("sources")) {
            out.printf("  client %d uid %d priority %d: %s, %s%n", lease.path("client").asLong(), lease.path("uid").asInt(),
                    lease.path("priority").asInt(), budgetText(lease), lease.path("met").asBoolean() ? "met" : "NOT met");
        }
        for (JsonNode lease : s.path("overridden")) {
            out.printf("  client %d uid %d priority %d: %s, overridden by higher priority, %s%n", lease.path("client").asLong(),
                    lease.path("uid").asInt(), lease.path("priority").asInt(), budgetText(lease),
                    lease.path("met").asBoolean() ? "met" : "NOT met");
        }
        JsonNode t = s.path("telemetry");
        if (t.isObject()) {
            out.printf("latency          p50 %s ms, p95 %s ms (recent inferences)%n", ClientOptions.num(t.get("latency_p50_ms"), "%.2f"),
                    ClientOptions.num(t.get("latency_p95_ms"), "%.2f"));
            out.printf("board power      %s W (average over the last control period)%n", ClientOptions.num(t.get("power_w"), "%.3f"));
            energy(out, t);
            out.printf("accuracy         %s %% (top-1 test accuracy of the groups k in use)%n", ClientOptions.num(t.get("accuracy"), "%.1f"));
            out.printf("violations       %d (latency-budget violations since the daemon started)%n", t.path("violations").asLong());
            degraded(out, t.path("degraded"));
        } else {
            out.println("telemetry        none yet");
        }
        out.printf("clients          %d%n", s.path("clients").asInt());
    }

    /**
     * Energy per inference as the telemetry has it: the board's energy over the period divided by
     * the period's inferences, so the idle time between them is in it. Named so, because one
     * inference's own (what {@code infer} prints) is often far smaller.
     */
    private static void energy(PrintWriter out, JsonNode t) {
        long inferences = t.path("inferences").asLong();
        JsonNode mj = t.get("energy_per_inference_mj");
        if (inferences == 0 || mj == null || mj.isNull()) {
            out.printf("board energy     - per served inference (%s in the last control period)%n",
                    inferences == 0 ? "no inference" : "no power reading");
            return;
        }
        out.printf("board energy     %s mJ per served inference: the last period's energy / its %d %s,%n"
                + "                 idle time included (`dynnctl infer` shows one inference's own)%n",
                ClientOptions.num(mj, "%.2f"), inferences, inferences == 1 ? "inference" : "inferences");
    }

    /** The degraded conditions in force, one per line, or "no". */
    private static void degraded(PrintWriter out, JsonNode conditions) {
        if (conditions.isEmpty()) {
            out.println("degraded         no");
            return;
        }
        String label = "degraded         ";
        for (JsonNode condition : conditions) {
            out.println(label + condition.asText());
            label = " ".repeat(label.length());
        }
    }

    /** {@code latency ≤ 20 ms, power ≤ 2 W, max-accuracy}, or {@code none}. */
    static String budgetText(JsonNode b) {
        StringBuilder text = new StringBuilder();
        append(text, b, "latency_ms", "latency <= %s ms");
        append(text, b, "energy_mj", "energy <= %s mJ");
        append(text, b, "power_w", "power <= %s W");
        append(text, b, "min_accuracy", "accuracy >= %s %%");
        if (text.length() == 0) {
            text.append("none");
        }
        return text.append(", ").append(b.path("objective").asText("max-accuracy")).toString();
    }

    private static void append(StringBuilder text, JsonNode b, String field, String format) {
        JsonNode v = b.get(field);
        if (v != null && !v.isNull()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(String.format(java.util.Locale.ROOT, format, v.asText()));
        }
    }
}
