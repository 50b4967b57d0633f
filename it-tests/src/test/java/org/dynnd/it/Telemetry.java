package org.dynnd.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A subscribed connection: the daemon's telemetry sample of every control period. */
final class Telemetry implements AutoCloseable {

    private final ProtocolClient client;
    private final long periodMs;

    private Telemetry(ProtocolClient client, long periodMs) {
        this.client = client;
        this.periodMs = periodMs;
    }

    static Telemetry subscribe(Path socket, long periodMs) throws IOException, InterruptedException {
        ProtocolClient client = ProtocolClient.connect(socket);
        client.result("subscribe");
        return new Telemetry(client, periodMs);
    }

    /** The next telemetry sample (the event's {@code sample}); fails when none comes within five periods. */
    JsonNode next() throws InterruptedException {
        JsonNode event = client.nextEvent(5 * periodMs + 2_000);
        while (event != null && !"telemetry".equals(event.path("event").asText())) {
            event = client.nextEvent(5 * periodMs + 2_000);
        }
        if (event == null) {
            throw new AssertionError("no telemetry event within five control periods");
        }
        return event.get("sample");
    }

    /** The next {@code n} samples. */
    List<JsonNode> next(int n) throws InterruptedException {
        List<JsonNode> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(next());
        }
        return samples;
    }

    /**
     * Waits at most {@code periods} samples for one that satisfies {@code condition}; returns the
     * samples seen, the last being the one that satisfied it, or fails listing what was seen.
     */
    List<JsonNode> awaitSample(int periods, Predicate<JsonNode> condition, String what) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        for (int i = 0; i < periods; i++) {
            JsonNode sample = next();
            seen.add(sample);
            if (condition.test(sample)) {
                return seen;
            }
        }
        throw new AssertionError("no sample within " + periods + " periods where " + what + "; saw " + summary(seen));
    }

    /** Drops the samples received so far, so that the next one is of a period still to come. */
    void skipQueued() {
        client.clearEvents();
    }

    /** A short form of samples for failure messages: op, p95, power, degraded. */
    static String summary(List<JsonNode> samples) {
        List<String> s = new ArrayList<>();
        for (JsonNode sample : samples) {
            s.add(sample.path("op").path("label").asText() + " p95=" + sample.path("latency_p95_ms") + " W="
                    + sample.path("power_w") + (sample.path("degraded").isEmpty() ? "" : " degraded=" + sample.path("degraded")));
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
