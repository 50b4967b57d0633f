package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code dynnctl ops}: the daemon's operating points and what this user may do. */
@Command(name = "ops", mixinStandardHelpOptions = true, description = "List the operating points and the ops this user may use.")
public final class OpsCommand extends OneRequestCommand {

    @Override
    String op() {
        return "hello";
    }

    @Override
    void print(JsonNode hello, PrintWriter out) {
        out.printf("dynnd %s, protocol %d, platform %s, model %s%n", hello.path("daemon").asText(),
                hello.path("protocol").asInt(), hello.path("platform").asText(), hello.path("model").asText());
        out.printf("%-6s %-8s %14s %14s%n", "groups", "unit", "frequency MHz", "second MHz");
        for (JsonNode op : hello.path("operating_points")) {
            out.printf("%-6d %-8s %14d %14s%n", op.path("groups").asInt(), op.path("unit").asText(),
                    op.path("frequency_khz").asLong() / 1000,
                    op.has("second_frequency_khz") ? Long.toString(op.path("second_frequency_khz").asLong() / 1000) : "-");
        }
        StringBuilder allowed = new StringBuilder();
        hello.path("allowed_ops").forEach(o -> allowed.append(allowed.length() == 0 ? "" : ", ").append(o.asText()));
        out.printf("you (uid %d) may use: %s%n", hello.path("uid").asInt(), allowed);
    }
}
