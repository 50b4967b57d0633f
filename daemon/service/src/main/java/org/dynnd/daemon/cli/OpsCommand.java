package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code dynnctl ops}: the daemon's operating points and what this user may do. */
@Command(name = "ops", mixinStandardHelpOptions = true, description = "List the operating points and the ops this user may use.")
public final class OpsCommand extends OneRequestCommand {

    /**
     * Said below the table: a user looks for what each point costs, and the protocol's
     * {@code hello} carries the points without predictions.
     */
    static final String NO_PREDICTIONS = "(the daemon reports no prediction per point; `dynnctl budget` shows\n"
            + " the chosen point's latency, energy, power and accuracy)";

    @Override
    String op() {
        return "hello";
    }

    @Override
    void print(JsonNode hello, PrintWriter out) {
        out.printf("dynnd %s, protocol %d, platform %s, model %s%n", hello.path("daemon").asText(),
                hello.path("protocol").asInt(), hello.path("platform").asText(), hello.path("model").asText());
        JsonNode points = hello.path("operating_points");
        boolean second = false;
        int unitWidth = "unit".length();
        for (JsonNode op : points) {
            second |= op.has("second_frequency_khz");
            unitWidth = Math.max(unitWidth, op.path("unit").asText().length());
        }
        // Only the columns some point fills: most boards have no second clock.
        String format = "%-6s  %-" + unitWidth + "s  %13s" + (second ? "  %10s" : "%s") + "%n";
        out.printf("%d operating points:%n", points.size());
        out.printf(format, "groups", "unit", "frequency MHz", second ? "second MHz" : "");
        for (JsonNode op : points) {
            String secondMhz = !second ? "" : op.has("second_frequency_khz")
                    ? Long.toString(op.path("second_frequency_khz").asLong() / 1000) : "-";
            out.printf(format, op.path("groups").asInt(), op.path("unit").asText(), op.path("frequency_khz").asLong() / 1000,
                    secondMhz);
        }
        out.println(NO_PREDICTIONS);
        List<String> allowed = new ArrayList<>();
        hello.path("allowed_ops").forEach(o -> allowed.add(o.asText()));
        out.printf("you (uid %d) may use: %s%n", hello.path("uid").asInt(), String.join(", ", allowed));
    }
}
