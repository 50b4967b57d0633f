package org.dynnd.daemon.server;

/**
 * The socket server's limits; each bounds memory or work that a client could otherwise grow.
 * {@link ConnectionBudget} adds them up per connection.
 *
 * @param platform the platform name {@code hello} reports
 * @param maxLineBytes the longest request line, bytes; longer lines get {@code line_too_long}
 * @param maxClients connections served at once at most; more get {@code too_many_clients} and are
 *     closed (fewer when the memory set aside for connections cannot hold this many)
 * @param inferenceThreads threads running inferences
 * @param inferenceQueue inferences waiting at most; more get {@code busy}
 * @param budgetQueue budget and release requests waiting for arbitration at most; more get {@code busy}
 * @param maxImagePixels the most pixels a PNG or JPEG may declare
 * @param writeBufferLowBytes a paused connection resumes below this many unsent bytes
 * @param writeBufferHighBytes a connection's lines wait, and its events are dropped, above this many unsent bytes
 * @param ownLineBytes the partial line every connection may hold; a longer one needs a large-line place
 * @param largeLinePlaces lines between {@code ownLineBytes} and {@code maxLineBytes} received at once, over all connections
 * @param readBufferBytes the most bytes taken from a socket in one read
 * @param maxInFlight requests of one connection being answered off the event loop (budget,
 *     release, infer) at most; its next lines wait until one is answered
 */
public record ServerSettings(
        String platform,
        int maxLineBytes,
        int maxClients,
        int inferenceThreads,
        int inferenceQueue,
        int budgetQueue,
        int maxImagePixels,
        int writeBufferLowBytes,
        int writeBufferHighBytes,
        int ownLineBytes,
        int largeLinePlaces,
        int readBufferBytes,
        int maxInFlight) {

    /** Connection limits of the defaults, with the rest as given (as the daemon's configuration gives them). */
    public ServerSettings(String platform, int maxLineBytes, int maxClients, int inferenceThreads, int inferenceQueue,
            int budgetQueue, int maxImagePixels, int writeBufferLowBytes, int writeBufferHighBytes) {
        this(platform, maxLineBytes, maxClients, inferenceThreads, inferenceQueue, budgetQueue, maxImagePixels,
                writeBufferLowBytes, writeBufferHighBytes, Math.min(OWN_LINE_BYTES, maxLineBytes), LARGE_LINE_PLACES,
                READ_BUFFER_BYTES, MAX_IN_FLIGHT);
    }

    private static final int OWN_LINE_BYTES = 16 * 1024;
    private static final int LARGE_LINE_PLACES = 64;
    private static final int READ_BUFFER_BYTES = 4 * 1024;
    private static final int MAX_IN_FLIGHT = 2;

    public ServerSettings {
        positive("max_line_bytes", maxLineBytes);
        positive("max_clients", maxClients);
        positive("inference_threads", inferenceThreads);
        positive("inference_queue", inferenceQueue);
        positive("budget_queue", budgetQueue);
        positive("max_image_pixels", maxImagePixels);
        positive("write_buffer_low_bytes", writeBufferLowBytes);
        positive("own_line_bytes", ownLineBytes);
        positive("read_buffer_bytes", readBufferBytes);
        positive("max_in_flight", maxInFlight);
        if (largeLinePlaces < 0) {
            throw new IllegalArgumentException("server.large_line_places is " + largeLinePlaces + "; it must be at least 0");
        }
        if (ownLineBytes > maxLineBytes) {
            throw new IllegalArgumentException("server.own_line_bytes (" + ownLineBytes
                    + ") must be at most server.max_line_bytes (" + maxLineBytes + ")");
        }
        if (writeBufferHighBytes < writeBufferLowBytes) {
            throw new IllegalArgumentException("server.write_buffer_high_bytes (" + writeBufferHighBytes
                    + ") must be at least server.write_buffer_low_bytes (" + writeBufferLowBytes + ")");
        }
    }

    /** The defaults of the shipped configuration, for {@code platform}. */
    public static ServerSettings defaults(String platform) {
        return new ServerSettings(platform, 256 * 1024, 4096, 1, 64, 1024, 1024 * 1024, 4 * 1024, 16 * 1024);
    }

    /** These settings with {@code maxClients} connections at most. */
    public ServerSettings withMaxClients(int clients) {
        return new ServerSettings(platform, maxLineBytes, clients, inferenceThreads, inferenceQueue, budgetQueue,
                maxImagePixels, writeBufferLowBytes, writeBufferHighBytes, ownLineBytes, largeLinePlaces, readBufferBytes,
                maxInFlight);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("server." + key + " is " + value + "; it must be at least 1");
        }
    }
}
