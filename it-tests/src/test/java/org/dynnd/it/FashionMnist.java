package org.dynnd.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * The Fashion-MNIST test images of the repository (IDX: a 16-byte header, then 28x28 grey bytes
 * per image, row-major), as the base64 strings an {@code infer} request carries.
 */
final class FashionMnist {

    static final int PIXELS = 28 * 28;

    private final byte[] pixels;
    private final int count;

    private FashionMnist(byte[] pixels, int count) {
        this.pixels = pixels;
        this.count = count;
    }

    /** The first {@code limit} test images. */
    static FashionMnist load(int limit) throws IOException {
        Path file = Command.repository().resolve("models/data/fashion-mnist/t10k-images-idx3-ubyte.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] header = in.readNBytes(16);
            if (header.length != 16 || header[2] != 0x08 || header[3] != 0x03) {
                throw new IOException(file + ": not an IDX file of unsigned bytes in 3 dimensions");
            }
            byte[] data = in.readNBytes(limit * PIXELS);
            return new FashionMnist(data, data.length / PIXELS);
        }
    }

    int count() {
        return count;
    }

    /** Image {@code i} (modulo the count) as standard base64 of its 784 raw bytes. */
    String base64(int i) {
        int at = Math.floorMod(i, count) * PIXELS;
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(pixels, at, at + PIXELS));
    }
}
