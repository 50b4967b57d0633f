package org.dynnd.daemon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.models.data.ImageSet;

/**
 * A steady stream of real test images, one request at a time on its own connection, each
 * answer compared with the image's label. Runs on its own thread until stopped.
 */
final class ImageStream implements Runnable {

    private static final int SIDE = 28;

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
            for (int i = 0; running; i = (i + 1) % images.count()) {
                ObjectNode request = client.newRequest("infer");
                request.put("image", Base64.getEncoder().encodeToString(grey28(i)));
                JsonNode reply = client.exchange(request, DynndClient.DEFAULT_TIMEOUT);
                if (!reply.path("ok").asBoolean(false)) {
                    // A busy reply or a refusal while stopping: counted, never mistaken for a wrong class.
                    refused.incrementAndGet();
                    continue;
                }
                if (reply.path("result").path("class").asInt(-1) == images.label(i)) {
                    correct.incrementAndGet();
                }
                answered.incrementAndGet();
            }
        } catch (IOException e) {
            if (running) {
                failure = e;
            }
        }
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
