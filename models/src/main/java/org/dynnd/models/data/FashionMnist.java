package org.dynnd.models.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST in its IDX format (gzip-compressed or not), as Debian's
 * {@code dataset-fashion-mnist} installs it under {@code /usr/share/datasets/fashion-mnist/}:
 * 28x28 grey images, padded with two black pixels on every side to 32x32.
 */
public final class FashionMnist {

    /** The class names, in label order (from the data set's README). */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;
    private static final int SIDE = 28;
    private static final int PAD = (ImageSet.SIZE - SIDE) / 2;

    private final Path folder;

    /** Reads from {@code folder}, which holds {@code train-*} and/or {@code t10k-*} files. */
    public FashionMnist(Path folder) {
        this.folder = folder;
    }

    /** Whether {@code folder} looks like a Fashion-MNIST folder (any of its image files exists). */
    public static boolean recognises(Path folder) {
        return Files.exists(folder.resolve("t10k-images-idx3-ubyte.gz")) || Files.exists(folder.resolve("t10k-images-idx3-ubyte"))
                || Files.exists(folder.resolve("train-images-idx3-ubyte.gz")) || Files.exists(folder.resolve("train-images-idx3-ubyte"));
    }

    /** The 60 000 training images. */
    public ImageSet train() throws DatasetException {
        return read("train");
    }

    /** The 10 000 test images. */
    public ImageSet test() throws DatasetException {
        return read("t10k");
    }

    private ImageSet read(String prefix) throws DatasetException {
        Path images = locate(prefix + "-images-idx3-ubyte");
        Path labels = locate(prefix + "-labels-idx1-ubyte");
        byte[] labelBytes = readLabels(labels);
        byte[] pixels = readImages(images, labelBytes.length);
        return new ImageSet("fashion-mnist:" + folder + " (" + prefix + ")", 1, pixels, labelBytes, CLASSES);
    }

    private Path locate(String base) throws DatasetException {
        Path gz = folder.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = folder.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new DatasetException(gz, "missing Fashion-MNIST file (also looked for " + raw.getFileName()
                + "); expected the IDX files of the data set, e.g. from Debian's dataset-fashion-mnist");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }

    private static byte[] readLabels(Path file) throws DatasetException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABEL_MAGIC) {
                throw new DatasetException(file, String.format("not an IDX label file: magic 0x%08x, expected 0x%08x", magic, LABEL_MAGIC));
            }
            int count = in.readInt();
            if (count <= 0) {
                throw new DatasetException(file, "label count " + count + " is not positive");
            }
            byte[] labels = new byte[count];
            in.readFully(labels);
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] >= CLASSES.size()) {
                    throw new DatasetException(file, "label " + (labels[i] & 0xff) + " of item " + i + " is not in 0..9");
                }
            }
            if (in.read() != -1) {
                throw new DatasetException(file, "longer than the " + count + " labels its header announces");
            }
            return labels;
        } catch (EOFException e) {
            throw new DatasetException(file, "truncated: shorter than its header announces", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] readImages(Path file, int expected) throws DatasetException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGE_MAGIC) {
                throw new DatasetException(file, String.format("not an IDX image file: magic 0x%08x, expected 0x%08x", magic, IMAGE_MAGIC));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != SIDE || cols != SIDE) {
                throw new DatasetException(file, "images are " + rows + "x" + cols + ", expected 28x28");
            }
            if (count != expected) {
                throw new DatasetException(file, count + " images but the label file has " + expected + " labels");
            }
            byte[] padded = new byte[count * ImageSet.SIZE * ImageSet.SIZE];
            byte[] row = new byte[SIDE];
            for (int i = 0; i < count; i++) {
                for (int r = 0; r < SIDE; r++) {
                    in.readFully(row);
                    System.arraycopy(row, 0, padded, (i * ImageSet.SIZE + r + PAD) * ImageSet.SIZE + PAD, SIDE);
                }
            }
            if (in.read() != -1) {
                throw new DatasetException(file, "longer than the " + count + " images its header announces");
            }
            return padded;
        } catch (EOFException e) {
            throw new DatasetException(file, "truncated: shorter than its header announces", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
