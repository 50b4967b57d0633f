package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dynnd.daemon.client.DynndClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynnctl budget}: sets a budget and shows whether it is met and the operating point
 * chosen. A budget lasts as long as the connection, so without {@code --hold} it ends when the
 * command does: a check of what the daemon would do, which the output says. With it, the command
 * keeps the budget and reports changes until interrupted. The exit code tells whether the budget
 * is met, so a script can test a budget before it holds one.
 */
@Command(name = "budget", mixinStandardHelpOptions = true,
        description = {"Set a budget and show whether it is met and the operating point chosen.",
            "A budget lasts while this command runs: without --hold it ends as soon as the",
            "answer is printed (a check); with --hold it is kept until Ctrl-C."})
public final class BudgetCommand implements Callable<Integer> {

    /** What the one-shot form adds, so nobody takes its "met" for a budget in force. */
    static final String NOT_HELD = "(a check only: the budget ended when this command exited; use --hold to keep it)";
    /** What {@code --hold} prints after the first answer. */
    static final String HELD = "(held until Ctrl-C; each change between met and NOT met is printed)";

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
    public Integer call() {
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
            boolean met = result.path("met").asBoolean();
            print(out, result, met);
            if (!hold) {
                if (!client.json) {
                    out.println(NOT_HELD);
                    out.flush();
                }
                return met ? ExitCodes.OK : ExitCodes.NOT_MET;
            }
            if (!client.json) {
                out.println(HELD);
                out.flush();
            }
            while (true) {
                Optional<JsonNode> event = c.nextEvent(Duration.ofDays(1));
                if (event.isPresent() && "lease".equals(event.get().path("event").asText())) {
                    print(out, event.get(), event.get().path("met").asBoolean());
                }
            }
        } catch (IOException e) {
            throw ClientOptions.unreachable(e);
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
