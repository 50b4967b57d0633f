package org.dynnd.daemon.server;

/**
 * The most memory one connection can make the daemon hold, from the server's limits, and how many
 * connections the memory set aside for them can hold.
 *
 * <p>Heap: the partial line (up to {@code ownLineBytes}; lines between that and {@code
 * maxLineBytes} take one of the shared large-line places, counted once for all connections) and
 * the connection's own objects (channel, pipeline, session). Direct memory (where Netty keeps
 * socket data): one read that arrived while the connection was paused, the unsent data up to the
 * high-water mark, then at most one reply answered on the event loop (the largest, {@code hello},
 * is measured), the replies of the requests in flight elsewhere, and one event (events are only
 * queued below the high-water mark).
 *
 * @param heapBytes heap per connection at most
 * @param directBytes direct memory per connection at most
 * @param sharedHeapBytes heap for the large-line places, shared by all connections
 */
record ConnectionBudget(long heapBytes, long directBytes, long sharedHeapBytes) {

    /** A connection's own objects: Netty's channel, its pipeline of handlers, its session. */
    static final int CONNECTION_OBJECTS_BYTES = 8 * 1024;
    /**
     * A reply answered off the event loop, at most: a {@code budget} or {@code release} result
     * (at most 6 + 3 leases listed, under 3 KiB with the longest values) or an error, plus the
     * echoed id (at most {@code RequestParser.MAX_ID_CHARS} characters, 6 bytes each when escaped).
     */
    static final int ASYNC_REPLY_BYTES = 6 * 1024;
    /** An event (telemetry or lease), at most. */
    static final int EVENT_BYTES = 2 * 1024;

    static ConnectionBudget of(ServerSettings s, int largestSyncReplyBytes) {
        long heap = (long) s.ownLineBytes() + CONNECTION_OBJECTS_BYTES;
        long direct = (long) s.readBufferBytes() + s.writeBufferHighBytes() + Math.max(largestSyncReplyBytes, ASYNC_REPLY_BYTES)
                + (long) s.maxInFlight() * ASYNC_REPLY_BYTES + EVENT_BYTES;
        return new ConnectionBudget(heap, direct, (long) s.largeLinePlaces() * s.maxLineBytes());
    }

    /**
     * How many connections fit in {@code heapPool} bytes of heap and {@code directPool} bytes of
     * direct memory; 0 when not even one does.
     */
    int clientsThatFit(long heapPool, long directPool) {
        long heapLeft = heapPool - sharedHeapBytes;
        if (heapLeft < heapBytes || directPool < directBytes) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.min(heapLeft / heapBytes, directPool / directBytes));
    }

    /** {@code 24 KiB heap, 50 KiB direct}: for the log and errors. */
    String describe() {
        return (heapBytes / 1024) + " KiB of heap and " + (directBytes / 1024) + " KiB of direct memory";
    }
}
