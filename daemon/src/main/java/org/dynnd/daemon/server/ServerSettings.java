package org.dynnd.daemon.server;

/**
 * The socket server's limits; each bounds memory or work that a client could otherwise grow.
 *
 * @param platform the platform name {@code hello} reports
 * @param maxLineBytes the longest request line, bytes; longer lines get {@code line_too_long}
 * @param maxClients connections served at once; more get {@code too_many_clients} and are closed
 * @param inferenceThreads threads running inferences
 * @param inferenceQueue inferences waiting at most; more get {@code busy}
 * @param budgetQueue budget and release requests waiting for arbitration at most; more get {@code busy}
 * @param maxImagePixels the most pixels a PNG or JPEG may declare
 * @param writeBufferLowBytes a paused connection resumes reading below this many unsent bytes
 * @param writeBufferHighBytes a connection stops reading, and drops events, above this many unsent bytes
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
        int writeBufferHighBytes) {

    public ServerSettings {
        positive("max_line_bytes", maxLineBytes);
        positive("max_clients", maxClients);
        positive("inference_threads", inferenceThreads);
        positive("inference_queue", inferenceQueue);
        positive("budget_queue", budgetQueue);
        positive("max_image_pixels", maxImagePixels);
        positive("write_buffer_low_bytes", writeBufferLowBytes);
        if (writeBufferHighBytes < writeBufferLowBytes) {
            throw new IllegalArgumentException("server.write_buffer_high_bytes (" + writeBufferHighBytes
                    + ") must be at least server.write_buffer_low_bytes (" + writeBufferLowBytes + ")");
        }
    }

    /** The defaults of the shipped configuration, for {@code platform}. */
    public static ServerSettings defaults(String platform) {
        return new ServerSettings(platform, 256 * 1024, 4096, 1, 64, 1024, 4096 * 4096, 32 * 1024, 256 * 1024);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("server." + key + " is " + value + "; it must be at least 1");
        }
    }
}
