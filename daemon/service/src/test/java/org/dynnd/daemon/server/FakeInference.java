package org.dynnd.daemon.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.service.DecodedImage;
import org.dynnd.daemon.service.InferenceException;
import org.dynnd.daemon.service.InferenceResult;
import org.dynnd.daemon.service.InferenceService;
import org.dynnd.daemon.service.OperatingPointInfo;

/**
 * An inference service for tests: the class is the image's mean sample modulo 10, so a test can
 * tell which image was classified; it can be held (to fill the queue) or made to fail.
 */
public final class FakeInference implements InferenceService {

    public volatile CountDownLatch gate = new CountDownLatch(0);
    public volatile boolean engineFails;

    @Override
    public String modelName() {
        return "test-grouped-net";
    }

    @Override
    public InferenceResult classify(DecodedImage image) throws InferenceException {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new InferenceException("test gate never opened", false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("interrupted", e);
        }
        if (engineFails) {
            throw new InferenceException("engine exploded", new IllegalStateException("boom"));
        }
        if (image.width() > 64) {
            throw new InferenceException("the model takes at most 64x64 images, got " + image.width() + " wide", true);
        }
        long sum = 0;
        for (byte b : image.pixels()) {
            sum += b & 0xff;
        }
        int cls = (int) (sum / image.pixels().length % 10);
        return new InferenceResult(cls, "class-" + cls + "-" + image.channels() + "ch",
                new OperatingPointInfo(2, "a15", 1_400_000, 0), 3.5, 7.25);
    }
}
