package org.dynnd.daemon.server;

import io.netty.channel.Channel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.ImageDecoder;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.protocol.Request;
import org.dynnd.daemon.service.DecodedImage;
import org.dynnd.daemon.service.InferenceException;
import org.dynnd.daemon.service.InferenceResult;
import org.dynnd.daemon.service.InferenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference threads and their bounded queue. Decoding and classifying happen here, off the
 * event loops; when the queue is full, {@link #submit} refuses at once so the caller can answer
 * {@code busy} instead of letting waiting images pile up in memory.
 */
final class InferenceQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceQueue.class);

    private final InferenceService service;
    private final ImageDecoder decoder;
    private final ThreadPoolExecutor pool;
    private volatile int capacity;

    InferenceQueue(InferenceService service, ImageDecoder decoder, int threads, int capacity, ThreadFactory threadFactory) {
        this.service = service;
        this.decoder = decoder;
        // The bound is checked in submit, so that a reload can change it; the queue itself is unbounded.
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threadFactory, new ThreadPoolExecutor.AbortPolicy());
        capacity(capacity);
    }

    /**
     * Inferences waiting at most from now on. Lowering it drops nothing already queued; new ones
     * are refused until the queue is below the new bound.
     */
    void capacity(int waiting) {
        if (waiting < 1) {
            throw new IllegalArgumentException("the inference queue must hold at least 1, got " + waiting);
        }
        capacity = waiting;
    }

    /** Inferences waiting at most. */
    int capacity() {
        return capacity;
    }

    /** Queues {@code request}; its reply goes to {@code channel}. False when the queue is full. */
    boolean submit(Request.Infer request, Channel channel) {
        // Only the event loop submits, so the queue cannot grow between this check and execute.
        if (pool.getQueue().size() >= capacity) {
            return false;
        }
        HalfClose.begin(channel);
        try {
            pool.execute(() -> HalfClose.finish(channel, run(request)));
            return true;
        } catch (RejectedExecutionException e) {
            HalfClose.cancel(channel);
            return false;
        }
    }

    private com.fasterxml.jackson.databind.JsonNode run(Request.Infer request) {
        DecodedImage image;
        try {
            image = decoder.decode(request.imageBase64());
        } catch (IllegalArgumentException e) {
            return Replies.error(request.id(), ErrorCode.BAD_IMAGE, e.getMessage());
        }
        try {
            InferenceResult result = service.classify(image);
            return Replies.ok(request.id(), Replies.inference(result));
        } catch (InferenceException e) {
            return Replies.error(request.id(), e.badInput() ? ErrorCode.BAD_IMAGE : ErrorCode.INFERENCE_FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("inference failed", e);
            return Replies.error(request.id(), ErrorCode.INTERNAL_ERROR, "inference failed: " + e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
