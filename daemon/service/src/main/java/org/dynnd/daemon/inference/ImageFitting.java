package org.dynnd.daemon.inference;

import org.dynnd.daemon.service.DecodedImage;
import org.dynnd.daemon.service.InferenceException;

/**
 * Turns a decoded image into what the model takes: 32x32 pixels, grey (1024 bytes) or RGB
 * (3072 bytes, interleaved). A 28x28 grey image (Fashion-MNIST) is padded by two pixels on every
 * side, as in training; any other size is resampled to 32x32 by averaging the source pixels each
 * target pixel covers.
 */
final class ImageFitting {

    static final int SIZE = 32;

    private ImageFitting() {}

    static byte[] fit(DecodedImage image) throws InferenceException {
        if (image.width() == 28 && image.height() == 28 && image.channels() == 1) {
            byte[] padded = new byte[SIZE * SIZE];
            for (int y = 0; y < 28; y++) {
                System.arraycopy(image.pixels(), y * 28, padded, (y + 2) * SIZE + 2, 28);
            }
            return padded;
        }
        if (image.width() == SIZE && image.height() == SIZE) {
            return image.pixels().clone();
        }
        if (image.width() < 8 || image.height() < 8) {
            throw new InferenceException("the image is " + image.width() + "x" + image.height()
                    + "; the model takes 32x32 (28x28 grey is padded, larger images are scaled; at least 8x8)", true);
        }
        int c = image.channels();
        byte[] out = new byte[SIZE * SIZE * c];
        for (int ty = 0; ty < SIZE; ty++) {
            int y0 = ty * image.height() / SIZE;
            int y1 = Math.max(y0 + 1, (ty + 1) * image.height() / SIZE);
            for (int tx = 0; tx < SIZE; tx++) {
                int x0 = tx * image.width() / SIZE;
                int x1 = Math.max(x0 + 1, (tx + 1) * image.width() / SIZE);
                for (int ch = 0; ch < c; ch++) {
                    long sum = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            sum += image.sample(x, y, ch);
                        }
                    }
                    out[(ty * SIZE + tx) * c + ch] = (byte) (sum / ((long) (y1 - y0) * (x1 - x0)));
                }
            }
        }
        return out;
    }
}
