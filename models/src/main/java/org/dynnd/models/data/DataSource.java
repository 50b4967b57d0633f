package org.dynnd.models.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a data set comes from, as written on the command line: {@code fashion-mnist} (the
 * system's Fashion-MNIST folder), {@code fashion-mnist:DIR}, {@code cifar10:DIR},
 * {@code imagefolder:DIR} (a user's class folders of PNG/JPEG files, {@link ImageFolder}), or a plain
 * {@code DIR} whose files say which of the two it holds. Nothing is ever downloaded.
 *
 * @param format which reader the folder needs
 * @param folder the folder holding the data files
 */
public record DataSource(Format format, Path folder) {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path SYSTEM_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** The data set formats this project reads. */
    public enum Format {
        FASHION_MNIST("fashion-mnist"),
        CIFAR10("cifar10"),
        IMAGE_FOLDER("imagefolder");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        /** The name used on the command line and in manifests. */
        public String id() {
            return id;
        }
    }

    /**
     * Parses {@code spec}; {@code systemFashionMnist} is the folder the bare word
     * {@code fashion-mnist} means (injected so tests do not depend on the machine).
     */
    public static DataSource parse(String spec, Path systemFashionMnist) throws DatasetException {
        if (spec == null || spec.isBlank()) {
            throw new DatasetException("empty data set; allowed: fashion-mnist, fashion-mnist:DIR, cifar10:DIR, imagefolder:DIR or DIR");
        }
        if (spec.equals(Format.FASHION_MNIST.id())) {
            return new DataSource(Format.FASHION_MNIST, systemFashionMnist);
        }
        for (Format format : Format.values()) {
            String prefix = format.id() + ":";
            if (spec.startsWith(prefix)) {
                return new DataSource(format, existingFolder(Path.of(spec.substring(prefix.length()))));
            }
        }
        Path folder = existingFolder(Path.of(spec));
        if (FashionMnist.recognises(folder)) {
            return new DataSource(Format.FASHION_MNIST, folder);
        }
        if (Cifar10.recognises(folder)) {
            return new DataSource(Format.CIFAR10, folder);
        }
        throw new DatasetException(folder, "holds neither Fashion-MNIST IDX files (t10k-images-idx3-ubyte[.gz], ...) "
                + "nor CIFAR-10 binary files (test_batch.bin, data_batch_N.bin); name the format as fashion-mnist:DIR, cifar10:DIR"
                + " or imagefolder:DIR (one sub-folder of PNG/JPEG files per class)");
    }

    private static Path existingFolder(Path folder) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder, "data folder does not exist or is not a directory");
        }
        return folder;
    }

    /** The training images. */
    public ImageSet train() throws DatasetException {
        return switch (format) {
            case FASHION_MNIST -> new FashionMnist(folder).train();
            case CIFAR10 -> new Cifar10(folder).train();
            case IMAGE_FOLDER -> new ImageFolder(folder).train();
        };
    }

    /** The test images. */
    public ImageSet test() throws DatasetException {
        return switch (format) {
            case FASHION_MNIST -> new FashionMnist(folder).test();
            case CIFAR10 -> new Cifar10(folder).test();
            case IMAGE_FOLDER -> new ImageFolder(folder).test();
        };
    }

    /** The spelling that {@link #parse} turns back into this source. */
    public String spec() {
        return format.id() + ":" + folder;
    }
}
