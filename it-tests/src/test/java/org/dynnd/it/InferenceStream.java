package org.dynnd.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that streams {@code infer} requests of Fashion-MNIST images on its own connection, one
 * after the other, until closed — the application whose inferences a budget governs.
 */
final class InferenceStream implements AutoCloseable {

    private final Thread thread;
    private final AtomicInteger answered = new AtomicInteger();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stop;

    private InferenceStream(Path socket, FashionMnist images) {
        thread = new Thread(() -> run(socket, images), "inference-stream");
        thread.setDaemon(true);
        thread.start();
    }

    static InferenceStream start(Path socket, FashionMnist images) {
        return new InferenceStream(socket, images);
    }

    private void run(Path socket, FashionMnist images) {
        try (ProtocolClient client = ProtocolClient.connect(socket)) {
            for (int i = 0; !stop; i++) {
                JsonNode reply = client.call(client.request("infer").put("image", images.base64(i)));
                if (reply.path("ok").asBoolean() && reply.path("result").path("class").isInt()) {
                    answered.incrementAndGet();
                } else {
                    failures.add(reply.toString());
                }
            }
        } catch (Exception | AssertionError e) {
            if (!stop) {
                failures.add(e.toString());
            }
        }
    }

    /** Inferences answered with a class so far. */
    int answered() {
        return answered.get();
    }

    /** Replies that were not a classification, and what broke the stream. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(ProtocolClient.REPLY_TIMEOUT_MS);
    }
}
