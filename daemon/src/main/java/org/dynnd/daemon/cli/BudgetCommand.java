package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.dynnd.daemon.client.DynndClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynnctl budget}: sets a budget and shows whether it is feasible and the operating point
 * chosen. A budget lasts as long as the connection, so without {@code --hold} it ends when the
 * command does (a feasibility check); with it, the command keeps the budget and reports changes
 * until interrupted.
 */
@Command(name = "budget", mixinStandardHelpOptions = true,
        description = "Set a budget (held while this command runs with --hold) and show the operating point chosen.")
public final class BudgetCommand implements Runnable {

    @Mixin
    ClientOptions client;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--latency-ms", description = "Longest latency per inference, ms.")
    Double latencyMs;

    @Option(names = "--energy-mj", description = "Most energy per inference, mJ.")
    Double energyMj;

    @Option(names = "--power-w", description = "Highest average power, W.")
    Double powerW;

    @Option(names = "--min-accuracy", description = "Lowest top-1 accuracy, percent.")
    Double minAccuracy;

    @Option(names = "--objective", description = "max-accuracy (default) or min-energy.")
    String objective;

    @Option(names = "--priority", description = "Wins conflicts with lower priorities (-1000..1000, default 0).")
    Integer priority;

    @Option(names = "--hold", description = "Keep the budget until interrupted (Ctrl-C), printing changes.")
    boolean hold;

    @Override
    public void run() {
        if (latencyMs == null && energyMj == null && powerW == null && minAccuracy == null && objective == null) {
            throw new UserErrorException("give at least one of --latency-ms, --energy-mj, --power-w, --min-accuracy, --objective");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (DynndClient c = client.connect()) {
            ObjectNode request = c.newRequest("budget");
            putIfSet(request, "latency_ms", latencyMs);
            putIfSet(request, "energy_mj", energyMj);
            putIfSet(request, "power_w", powerW);
            putIfSet(request, "min_accuracy", minAccuracy);
            if (objective != null) {
                request.put("objective", objective);
            }
            if (priority != null) {
                request.put("priority", priority);
            }
            JsonNode result = ClientOptions.call(c, request);
            print(out, result, result.path("met").asBoolean());
            while (hold) {
                Optional<JsonNode> event = c.nextEvent(Duration.ofDays(1));
                if (event.isPresent() && "lease".equals(event.get().path("event").asText())) {
                    print(out, event.get(), event.get().path("met").asBoolean());
                }
            }
        } catch (IOException e) {
            throw new UserErrorException(e.getMessage(), e);
        }
    }

    private void print(PrintWriter out, JsonNode result, boolean met) {
        if (client.json) {
            out.println(result);
        } else {
            JsonNode p = result.path("predicted");
            out.printf("%s: %s at %s (predicted %s ms, %s mJ, %s W, %s %%)%n",
                    met ? "met" : "NOT met",
                    result.path("feasible").asBoolean() ? "feasible" : "infeasible",
                    result.path("op").path("label").asText(),
                    ClientOptions.num(p.get("latency_ms"), "%.2f"), ClientOptions.num(p.get("energy_mj"), "%.2f"),
                    ClientOptions.num(p.get("power_w"), "%.2f"), ClientOptions.num(p.get("accuracy"), "%.1f"));
        }
        out.flush();
    }

    private static void putIfSet(ObjectNode request, String field, Double value) {
        if (value != null) {
            request.put(field, value);
        }
    }
}
