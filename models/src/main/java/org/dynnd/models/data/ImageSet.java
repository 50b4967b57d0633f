package org.dynnd.models.data;

import java.util.List;

/**
 * Labelled images already padded to 32x32, one unsigned byte per pixel and channel, stored
 * image after image in CHW order. Grey images ({@code channels == 1}) are repeated to three
 * channels when they are turned into network input, so the network always sees 3 x 32 x 32.
 *
 * @param name where the images came from, for messages and the manifest
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels {@code count * channels * 32 * 32} bytes
 * @param labels one class index per image
 * @param classNames the name of every class index
 */
public record ImageSet(String name, int channels, byte[] pixels, byte[] labels, List<String> classNames) {

    /** Height and width of every stored image. */
    public static final int SIZE = 32;
    /** Values per network input image: 3 x 32 x 32. */
    public static final int INPUT_VALUES = 3 * SIZE * SIZE;

    public ImageSet {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != (long) labels.length * channels * SIZE * SIZE) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, expected "
                    + (long) labels.length * channels * SIZE * SIZE + " for " + labels.length + " images");
        }
        classNames = List.copyOf(classNames);
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Class index of image {@code index}. */
    public int label(int index) {
        return labels[index];
    }

    /** Writes image {@code index} as network input (3 x 32 x 32, values in [0, 1]) at {@code offset}. */
    public void copyInput(int index, float[] target, int offset) {
        int plane = SIZE * SIZE;
        int base = index * channels * plane;
        for (int c = 0; c < 3; c++) {
            int source = base + (channels == 1 ? 0 : c * plane);
            for (int i = 0; i < plane; i++) {
                target[offset + c * plane + i] = (pixels[source + i] & 0xff) / 255f;
            }
        }
    }

    /**
     * Writes image {@code index} as network input shifted by {@code dx} columns and {@code dy}
     * rows (black where the shift uncovers nothing) and, when {@code mirror}, flipped left-right:
     * output pixel (y, x) is stored pixel (y + dy, x' + dx) with x' = 31 - x when mirrored. This is
     * a crop of the image padded by |dx|, |dy| pixels.
     */
    public void copyView(int index, float[] target, int offset, int dx, int dy, boolean mirror) {
        int plane = SIZE * SIZE;
        int base = index * channels * plane;
        for (int c = 0; c < 3; c++) {
            int source = base + (channels == 1 ? 0 : c * plane);
            int out = offset + c * plane;
            for (int y = 0; y < SIZE; y++) {
                int sy = y + dy;
                for (int x = 0; x < SIZE; x++) {
                    int sx = (mirror ? SIZE - 1 - x : x) + dx;
                    target[out + y * SIZE + x] = sy < 0 || sy >= SIZE || sx < 0 || sx >= SIZE ? 0f
                            : (pixels[source + sy * SIZE + sx] & 0xff) / 255f;
                }
            }
        }
    }

    /** The images at {@code indices}, in that order. */
    public ImageSet subset(int[] indices) {
        int size = channels * SIZE * SIZE;
        byte[] keptPixels = new byte[indices.length * size];
        byte[] keptLabels = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, keptPixels, i * size, size);
            keptLabels[i] = labels[indices[i]];
        }
        return new ImageSet(name, channels, keptPixels, keptLabels, classNames);
    }

    /** Image {@code index} as network input, 3 x 32 x 32 values in [0, 1]. */
    public float[] input(int index) {
        float[] input = new float[INPUT_VALUES];
        copyInput(index, input, 0);
        return input;
    }

    /** The first {@code n} images (all when fewer). */
    public ImageSet head(int n) {
        int keep = Math.min(n, count());
        byte[] keptPixels = java.util.Arrays.copyOf(pixels, keep * channels * SIZE * SIZE);
        return new ImageSet(name, channels, keptPixels, java.util.Arrays.copyOf(labels, keep), classNames);
    }
}
