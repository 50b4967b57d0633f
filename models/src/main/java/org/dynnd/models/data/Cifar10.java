package org.dynnd.models.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CIFAR-10 in its official binary format: {@code data_batch_1.bin .. data_batch_5.bin} and
 * {@code test_batch.bin}, each a sequence of records of one label byte followed by 3072 pixel
 * bytes (1024 red, 1024 green, 1024 blue, row-major 32x32).
 */
public final class Cifar10 {

    /** The class names, in label order (from {@code batches.meta.txt}). */
    public static final List<String> CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private static final int PIXELS = 3 * ImageSet.SIZE * ImageSet.SIZE;
    private static final int RECORD = 1 + PIXELS;
    private static final int TRAIN_BATCHES = 5;

    private final Path folder;

    /** Reads from {@code folder}, the {@code cifar-10-batches-bin} folder of the data set. */
    public Cifar10(Path folder) {
        this.folder = folder;
    }

    /** Whether {@code folder} looks like a CIFAR-10 binary folder. */
    public static boolean recognises(Path folder) {
        return Files.exists(folder.resolve("test_batch.bin")) || Files.exists(folder.resolve("data_batch_1.bin"));
    }

    /** The training images of all five batches. */
    public ImageSet train() throws DatasetException {
        Path[] files = new Path[TRAIN_BATCHES];
        for (int i = 0; i < TRAIN_BATCHES; i++) {
            files[i] = folder.resolve("data_batch_" + (i + 1) + ".bin");
        }
        return read("train", files);
    }

    /** The test images. */
    public ImageSet test() throws DatasetException {
        return read("test", folder.resolve("test_batch.bin"));
    }

    private ImageSet read(String part, Path... files) throws DatasetException {
        byte[][] contents = new byte[files.length][];
        int total = 0;
        for (int f = 0; f < files.length; f++) {
            contents[f] = readFile(files[f]);
            total += contents[f].length / RECORD;
        }
        byte[] labels = new byte[total];
        byte[] pixels = new byte[total * PIXELS];
        int n = 0;
        for (int f = 0; f < files.length; f++) {
            byte[] content = contents[f];
            for (int offset = 0; offset < content.length; offset += RECORD, n++) {
                int label = content[offset] & 0xff;
                if (label >= CLASSES.size()) {
                    throw new DatasetException(files[f], "label " + label + " of record " + offset / RECORD + " is not in 0..9");
                }
                labels[n] = (byte) label;
                System.arraycopy(content, offset + 1, pixels, n * PIXELS, PIXELS);
            }
        }
        return new ImageSet("cifar10:" + folder + " (" + part + ")", 3, pixels, labels, CLASSES);
    }

    private static byte[] readFile(Path file) throws DatasetException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "missing CIFAR-10 file; expected the binary version of the data set "
                    + "(data_batch_1..5.bin, test_batch.bin)");
        }
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length == 0 || content.length % RECORD != 0) {
                throw new DatasetException(file, "size " + content.length + " bytes is not a positive multiple of the "
                        + RECORD + "-byte CIFAR-10 record (1 label byte + 3072 pixel bytes)");
            }
            return content;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
