package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.dynnd.daemon.client.DynndClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynnctl watch}: subscribes to telemetry and shows one row per control period. On a
 * terminal the screen is redrawn with the newest rows (like {@code top}); into a pipe, rows are
 * appended.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Show live telemetry, one row per control period.")
public final class WatchCommand implements Runnable {

    private static final String ROW = "%-12s %-22s %9s %9s %8s %9s %6s %5s %s";
    private static final String HEADER = String.format(ROW,
            "time", "op", "p50 ms", "p95 ms", "power W", "mJ/inf", "acc %", "viol", "budget");
    /** What the columns that are easy to misread mean; printed once above the table. */
    static final String LEGEND = "power W: the board's average over the period; mJ/inf: the board's energy over\n"
            + "the period / its inferences, idle time included; viol: latency-budget violations so far";
    /** Control periods are typically 100-1000 ms, so seconds alone would show several rows with one time. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Mixin
    ClientOptions client;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", description = "Stop after this many samples (default: until interrupted).")
    long count = Long.MAX_VALUE;

    @Option(names = "--rows", description = "Rows kept on screen when redrawing (default ${DEFAULT-VALUE}).")
    int rows = 20;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        boolean redraw = !client.json && System.console() != null;
        Deque<String> screen = new ArrayDeque<>();
        try (DynndClient c = client.connect()) {
            ClientOptions.call(c, c.newRequest("subscribe"));
            if (!client.json && !redraw) {
                out.println(LEGEND);
                out.println(HEADER);
            }
            for (long seen = 0; seen < count; ) {
                Optional<JsonNode> event = c.nextEvent(Duration.ofDays(1));
                if (event.isEmpty() || !"telemetry".equals(event.get().path("event").asText())) {
                    continue;
                }
                seen++;
                if (client.json) {
                    out.println(event.get());
                } else if (redraw) {
                    screen.addLast(row(event.get()));
                    while (screen.size() > rows) {
                        screen.removeFirst();
                    }
                    out.print("\033[H\033[2J");
                    out.println(LEGEND);
                    out.println(HEADER);
                    screen.forEach(out::println);
                } else {
                    out.println(row(event.get()));
                }
                out.flush();
            }
        } catch (IOException e) {
            throw ClientOptions.unreachable(e);
        }
    }

    static String row(JsonNode event) {
        JsonNode s = event.path("sample");
        String dropped = event.path("dropped").asLong() > 0 ? " (" + event.path("dropped").asLong() + " missed)" : "";
        return String.format(ROW + "%s",
                TIME.format(Instant.ofEpochMilli(s.path("time_ms").asLong())),
                s.path("op").path("label").asText(),
                ClientOptions.num(s.get("latency_p50_ms"), "%.2f"), ClientOptions.num(s.get("latency_p95_ms"), "%.2f"),
                ClientOptions.num(s.get("power_w"), "%.3f"), ClientOptions.num(s.get("energy_per_inference_mj"), "%.2f"),
                ClientOptions.num(s.get("accuracy"), "%.1f"), Long.toString(s.path("violations").asLong()),
                StatusCommand.budgetText(event.path("effective")), dropped);
    }
}
