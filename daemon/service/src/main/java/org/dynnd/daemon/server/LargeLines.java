package org.dynnd.daemon.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few places for request lines longer than every connection's own allowance (images in
 * {@code infer}), shared by all connections. A connection whose line outgrows its allowance takes
 * one place until the line ends; when none is free the line is refused whole ({@code busy}), so
 * that many clients holding long partial lines cannot together exceed the memory the daemon
 * set aside for them.
 */
final class LargeLines {

    private final int places;
    private final AtomicInteger taken = new AtomicInteger();

    LargeLines(int places) {
        if (places < 0) {
            throw new IllegalArgumentException("places for large lines must be at least 0, got " + places);
        }
        this.places = places;
    }

    /** Takes a place; false when all are taken. */
    boolean take() {
        while (true) {
            int now = taken.get();
            if (now >= places) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place {@link #take} gave. */
    void give() {
        taken.decrementAndGet();
    }

    /** Places in all. */
    int places() {
        return places;
    }

    /** Places taken now. */
    int taken() {
        return taken.get();
    }
}
