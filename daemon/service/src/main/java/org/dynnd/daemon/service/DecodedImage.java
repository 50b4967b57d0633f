package org.dynnd.daemon.service;

/**
 * An image as the protocol decoded it: 8-bit samples, row-major, channels interleaved (HWC),
 * one channel for grey, three for RGB.
 *
 * @param width pixels per row
 * @param height rows
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels {@code width * height * channels} bytes, unsigned
 */
public record DecodedImage(int width, int height, int channels, byte[] pixels) {
    public DecodedImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (width < 1 || height < 1 || pixels.length != width * height * channels) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, expected "
                    + width + "x" + height + "x" + channels);
        }
    }

    /** Sample {@code c} of the pixel at ({@code x}, {@code y}) as 0..255. */
    public int sample(int x, int y, int c) {
        return pixels[(y * width + x) * channels + c] & 0xff;
    }
}
