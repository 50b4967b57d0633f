package org.dynnd.daemon.config;

/**
 * How inference requests are queued and run.
 *
 * @param queueCapacity requests waiting beyond this are answered {@code busy} at once
 * @param intraOpThreads threads of one inference; 0 follows the core count of the compute unit
 *     the governor chose
 * @param maxImagePixels a PNG or JPEG declaring more pixels is refused ({@code bad_image}) before
 *     it is decoded: the model sees 32x32, and decoding costs memory and time on the board
 */
public record InferenceConfig(Integer queueCapacity, Integer intraOpThreads, Integer maxImagePixels) {

    /** One megapixel: 1024x1024, far above any input the model is resized from usefully. */
    public static final int DEFAULT_MAX_IMAGE_PIXELS = 1 << 20;

    public InferenceConfig {
        queueCapacity = Check.range("queue_capacity", queueCapacity, 64, 1, 65_536);
        intraOpThreads = Check.range("intra_op_threads", intraOpThreads, 0, 0, 256);
        maxImagePixels = Check.range("max_image_pixels", maxImagePixels, DEFAULT_MAX_IMAGE_PIXELS, 784, 16_777_216);
    }

    /** Queue and threads as given, the default image limit. */
    public InferenceConfig(Integer queueCapacity, Integer intraOpThreads) {
        this(queueCapacity, intraOpThreads, null);
    }

    public static InferenceConfig defaults() {
        return new InferenceConfig(null, null, null);
    }
}
