package org.dynnd.daemon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.dynnd.daemon.client.DaemonErrorException;
import org.dynnd.daemon.client.DaemonUnavailableException;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.models.data.ImageSet;

/**
 * The scripted client: streams test images on one connection while another holds each step's
 * budget and collects the telemetry of every control period, printing one table row per period.
 */
final class DemoDriver {

    private final Path socket;
    private final ImageSet images;
    private final List<DemoStep> steps;
    private final DemoTable table;
    private final LongSupplier nanoClock;

    DemoDriver(Path socket, ImageSet images, List<DemoStep> steps, PrintStream out, LongSupplier nanoClock) {
        this.socket = socket;
        this.images = images;
        this.steps = steps;
        this.table = new DemoTable(out, steps);
        this.nanoClock = nanoClock;
    }

    /** What the run produced. */
    record Outcome(String platform, String model, List<DemoSample> samples, long refused) {}

    /**
     * Runs the script from {@code readyNanos} (when the daemon started serving) to the end of its
     * last step.
     */
    Outcome run(long readyNanos) throws IOException, DaemonUnavailableException, DaemonErrorException, InterruptedException {
        List<DemoSample> samples = new ArrayList<>();
        ImageStream stream = new ImageStream(socket, images);
        Thread streamer = new Thread(stream, "dynnd-demo-images");
        streamer.setDaemon(true);
        try (DynndClient control = DynndClient.connect(socket)) {
            JsonNode hello = control.call("hello");
            control.call("subscribe");
            streamer.start();
            table.header();
            long answeredBefore = 0;
            long correctBefore = 0;
            for (int i = 0; i < steps.size(); i++) {
                DemoStep step = steps.get(i);
                waitUntil(readyNanos, step.startS());
                setBudget(control, step);
                table.step(i);
                long end = readyNanos + (long) (step.endS() * 1e9);
                while (nanoClock.getAsLong() < end) {
                    if (stream.failure() != null) {
                        throw new IOException("the image stream stopped: " + stream.failure().getMessage(), stream.failure());
                    }
                    Duration left = Duration.ofNanos(Math.max(1_000_000, end - nanoClock.getAsLong()));
                    Optional<JsonNode> event = control.nextEvent(left);
                    if (event.isEmpty() || !"telemetry".equals(event.get().path("event").asText())) {
                        continue;
                    }
                    long answered = stream.answered();
                    long correct = stream.correct();
                    DemoSample sample = DemoSample.of(event.get(), (nanoClock.getAsLong() - readyNanos) / 1e9, i,
                            answered - answeredBefore, correct - correctBefore);
                    answeredBefore = answered;
                    correctBefore = correct;
                    samples.add(sample);
                    table.row(sample);
                }
            }
            stream.stop();
            control.call("release");
            streamer.join(Duration.ofSeconds(30).toMillis());
            return new Outcome(hello.path("platform").asText(), hello.path("model").asText(), List.copyOf(samples),
                    stream.refused());
        } finally {
            stream.stop();
        }
    }

    private static void setBudget(DynndClient control, DemoStep step) throws IOException, DaemonErrorException {
        if (!step.hasBudget()) {
            control.call("release");
            return;
        }
        ObjectNode request = control.newRequest("budget");
        step.addTo(request);
        control.call(request);
    }

    private void waitUntil(long readyNanos, double seconds) throws InterruptedException {
        long left = readyNanos + (long) (seconds * 1e9) - nanoClock.getAsLong();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
