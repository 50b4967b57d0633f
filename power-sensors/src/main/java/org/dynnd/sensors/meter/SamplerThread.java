package org.dynnd.sensors.meter;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SamplingRound} every period on a thread of its own, until closed. The thread
 * outlives anything a round throws, and when it falls behind it skips the missed rounds rather
 * than running them in a burst.
 */
final class SamplerThread implements AutoCloseable {
    // The meter's log, whichever of its parts writes: operators look for one name.
    private static final Logger LOG = LoggerFactory.getLogger(EnergyMeter.class);

    private final SamplingRound round;
    private final long periodNanos;
    private final LongSupplier clock;
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private Thread thread;

    SamplerThread(SamplingRound round, long periodNanos, LongSupplier clock) {
        this.round = round;
        this.periodNanos = periodNanos;
        this.clock = clock;
    }

    /** Starts sampling on a thread from {@code threads}. */
    void start(ThreadFactory threads) {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("the energy meter is already running");
            }
            running = true;
            thread = threads.newThread(this::loop);
            thread.start();
        }
    }

    private void loop() {
        long next = clock.getAsLong();
        while (running) {
            try {
                round.run();
            } catch (Throwable e) {
                // A round contains sensor failures; this is the last resort (out of memory): the
                // sampler thread must outlive it and try again next period.
                LOG.error("sampling round failed; continuing", e);
            }
            next += periodNanos;
            long wait = next - clock.getAsLong();
            if (wait <= 0) {
                next = clock.getAsLong(); // fell behind: skip the missed rounds rather than burst
            } else {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Stops the thread, if it runs, and waits for it. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
