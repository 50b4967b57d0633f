package org.dynnd.daemon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.models.data.ImageSet;

/**
 * A steady stream of real test images on its own connection, each answer compared with the
 * image's label. Runs on its own thread until stopped.
 *
 * <p>{@value #IN_FLIGHT} requests are kept in flight, so the daemon always has the next image when
 * an inference ends: with one at a time the board idled 15-30 % of each period while the answer
 * went to this client and the next image came back (on a busy host, several ms), and the energy
 * per inference it measured counted that idle time too, which the governor's per-inference energy
 * does not.
 */
final class ImageStream implements Runnable {

    private static final int SIDE = 28;
    static final int IN_FLIGHT = 2;

    private final Path socket;
    private final ImageSet images;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong correct = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;

    ImageStream(Path socket, ImageSet images) {
        this.socket = socket;
        this.images = images;
    }

    @Override
    public void run() {
        try (DynndClient client = DynndClient.connect(socket)) {
            Map<Long, Integer> labels = new HashMap<>();
            int next = 0;
            for (; next < IN_FLIGHT; next++) {
                send(client, next, labels);
            }
            while (running) {
                JsonNode reply = client.nextReply(DynndClient.DEFAULT_TIMEOUT);
                Integer label = labels.remove(reply.path("id").asLong());
                if (!reply.path("ok").asBoolean(false)) {
                    // A busy reply or a refusal while stopping: counted, never mistaken for a wrong class.
                    refused.incrementAndGet();
                } else {
                    if (label != null && reply.path("result").path("class").asInt(-1) == label) {
                        correct.incrementAndGet();
                    }
                    answered.incrementAndGet();
                }
                send(client, next, labels);
                next = (next + 1) % images.count();
            }
        } catch (IOException e) {
            if (running) {
                failure = e;
            }
        }
    }

    private void send(DynndClient client, int index, Map<Long, Integer> labels) throws IOException {
        ObjectNode request = client.newRequest("infer");
        request.put("image", Base64.getEncoder().encodeToString(grey28(index)));
        labels.put(request.path("id").asLong(), images.label(index));
        client.sendLine(request.toString());
    }

    /**
     * Image {@code index} as the protocol's raw 28x28 grey bytes: the stored 32x32 image without
     * the two-pixel border the data set reader added (the daemon adds it back, as in training).
     */
    byte[] grey28(int index) {
        float[] input = images.input(index);
        byte[] raw = new byte[SIDE * SIDE];
        int pad = (ImageSet.SIZE - SIDE) / 2;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                raw[y * SIDE + x] = (byte) Math.round(input[(y + pad) * ImageSet.SIZE + x + pad] * 255f);
            }
        }
        return raw;
    }

    long answered() {
        return answered.get();
    }

    long correct() {
        return correct.get();
    }

    long refused() {
        return refused.get();
    }

    /** The error that ended the stream early, or null. */
    Exception failure() {
        return failure;
    }

    void stop() {
        running = false;
    }
}
