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
 * Images are decoded on a thread of their own with a small bounded queue (smallest first), then classified on the
 * inference threads: a slow decode (a large PNG) never delays an image already decoded. Both
 * stages together hold at most {@link #capacity} requests; when full, or when the decode queue is,
 * {@link #submit} refuses at once so the caller can answer {@code busy} instead of letting
 * waiting images pile up in memory. One connection has at most a few requests in flight (see
 * {@link LineFramer}), so one client cannot take every place.
 */
final class InferenceQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceQueue.class);

    private final InferenceService service;
    private final ImageDecoder decoder;
    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor decoding;
    /**
     * Requests accepted and not yet answered: being decoded, waiting, or being classified. At most
     * {@link #capacity} of them wait, beyond one being classified on each inference thread.
     */
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final int threads;
    private final int decodeQueue;
    private final java.util.concurrent.atomic.AtomicLong arrivals = new java.util.concurrent.atomic.AtomicLong();

    /** A decode waiting its turn: smaller images first, then in order of arrival. */
    private record Decode(long size, long arrival, Runnable work) implements Runnable, Comparable<Decode> {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Decode o) {
            int bySize = Long.compare(size, o.size);
            return bySize != 0 ? bySize : Long.compare(arrival, o.arrival);
        }
    }
    private volatile int capacity;

    /** @param decodeQueue images waiting to be decoded at most */
    InferenceQueue(InferenceService service, ImageDecoder decoder, int threads, int capacity, ThreadFactory threadFactory,
            int decodeQueue) {
        this.service = service;
        this.decoder = decoder;
        this.threads = threads;
        this.decodeQueue = decodeQueue;
        // Smallest image first: a costly image waits behind small ones, never the other way round.
        this.decoding = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new java.util.concurrent.PriorityBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "dynnd-decode");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
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
        // Only the event loop submits, so the count cannot grow between this check and the increment.
        if (accepted.get() >= capacity + threads || decoding.getQueue().size() >= decodeQueue) {
            return false;
        }
        accepted.incrementAndGet();
        HalfClose.begin(channel);
        try {
            decoding.execute(new Decode(request.imageBase64().length(), arrivals.getAndIncrement(),
                    () -> decodeThenClassify(request, channel)));
            return true;
        } catch (RejectedExecutionException e) {
            accepted.decrementAndGet();
            HalfClose.cancel(channel);
            return false;
        }
    }

    private void decodeThenClassify(Request.Infer request, Channel channel) {
        DecodedImage image;
        try {
            image = decoder.decode(request.imageBase64());
        } catch (IllegalArgumentException e) {
            accepted.decrementAndGet();
            HalfClose.finish(channel, Replies.error(request.id(), ErrorCode.BAD_IMAGE, e.getMessage()));
            return;
        }
        try {
            pool.execute(() -> {
                com.fasterxml.jackson.databind.JsonNode reply = classify(request, image);
                accepted.decrementAndGet();
                HalfClose.finish(channel, reply);
            });
        } catch (RejectedExecutionException e) { // the daemon is stopping
            accepted.decrementAndGet();
            HalfClose.finish(channel, Replies.error(request.id(), ErrorCode.SHUTTING_DOWN, "dynnd is stopping"));
        }
    }

    private com.fasterxml.jackson.databind.JsonNode classify(Request.Infer request, DecodedImage image) {
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
        decoding.shutdownNow();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
