package org.dynnd.models.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A user's own images in the layout image tools write: one sub-folder per class, named after the
 * class, holding PNG or JPEG files ({@code .png}, {@code .jpg}, {@code .jpeg}, any case; other
 * files are ignored). Decoded with {@code javax.imageio}; every image, whatever its size, is
 * fitted to the network's 32x32 input as the daemon fits an image it classifies ({@link #decode})
 * and stored as RGB. Classes are the folder
 * names in sorted order, files are read in sorted order.
 *
 * <p>Test images: {@code DIR/train/<class>/} and {@code DIR/test/<class>/} when both exist;
 * otherwise {@code DIR/<class>/} holds all images and every fifth file of each class (the 5th,
 * 10th, ...) is a test image, the rest training images.
 */
public final class ImageFolder {

    private static final int EVERY = 5;
    /** The smallest side the daemon accepts for an image to classify. */
    private static final int MIN_SIDE = 8;

    private final Path folder;

    public ImageFolder(Path folder) {
        this.folder = folder;
    }

    /** The training images. */
    public ImageSet train() throws DatasetException {
        return split() ? read(folder.resolve("train"), Part.ALL) : read(folder, Part.TRAIN);
    }

    /** The test images. */
    public ImageSet test() throws DatasetException {
        return split() ? read(folder.resolve("test"), Part.ALL) : read(folder, Part.TEST);
    }

    private enum Part { ALL, TRAIN, TEST }

    private boolean split() {
        return Files.isDirectory(folder.resolve("train")) && Files.isDirectory(folder.resolve("test"));
    }

    private static ImageSet read(Path root, Part part) throws DatasetException {
        List<Path> classes = list(root, Files::isDirectory);
        if (classes.size() < 2) {
            throw new DatasetException(root, "holds " + classes.size() + " class folder(s); an image folder needs at"
                    + " least two sub-folders, one per class, with PNG or JPEG files");
        }
        List<String> names = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        List<Byte> labels = new ArrayList<>();
        for (Path classFolder : classes) {
            List<Path> files = list(classFolder, ImageFolder::isImage);
            if (files.isEmpty()) {
                throw new DatasetException(classFolder, "class folder holds no PNG or JPEG files (.png, .jpg, .jpeg)");
            }
            int label = names.size();
            names.add(classFolder.getFileName().toString());
            for (int i = 0; i < files.size(); i++) {
                boolean test = i % EVERY == EVERY - 1;
                if (part == Part.ALL || (part == Part.TEST) == test) {
                    pixels.add(decode(files.get(i)));
                    labels.add((byte) label);
                }
            }
        }
        if (names.size() > 127) {
            throw new DatasetException(root, names.size() + " classes; at most 127 are supported");
        }
        int size = 3 * ImageSet.SIZE * ImageSet.SIZE;
        byte[] all = new byte[pixels.size() * size];
        byte[] labelBytes = new byte[labels.size()];
        for (int i = 0; i < pixels.size(); i++) {
            System.arraycopy(pixels.get(i), 0, all, i * size, size);
            labelBytes[i] = labels.get(i);
        }
        return new ImageSet("imagefolder:" + root + (part == Part.ALL ? "" : " (" + part.name().toLowerCase(Locale.ROOT) + ")"),
                3, all, labelBytes, names);
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    private static List<Path> list(Path folder, Predicate<Path> filter) throws DatasetException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(folder, "cannot be listed: " + e.getMessage(), e);
        }
    }

    /**
     * The image in {@code file} fitted to 32x32 as RGB planes (CHW), the way the daemon fits an
     * image it is asked to classify (its {@code ImageFitting}), so training and serving see the
     * same input: grey samples are read from the raster (getRGB would pass them through a gamma
     * curve), a 28x28 grey image is padded by two black pixels on every side, any other size is
     * resampled by averaging the source pixels each target pixel covers. Grey is repeated to the
     * three channels, as the network does with grey input.
     */
    static byte[] decode(Path file) throws DatasetException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read as an image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(file, "is not a readable PNG or JPEG image");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < MIN_SIDE || h < MIN_SIDE) {
            throw new DatasetException(file, "is " + w + "x" + h + "; images must be at least " + MIN_SIDE + "x" + MIN_SIDE);
        }
        boolean grey = image.getColorModel().getNumColorComponents() == 1;
        int shift = grey ? Math.max(0, image.getColorModel().getComponentSize(0) - 8) : 0;
        Raster raster = image.getRaster();
        int[][] samples = new int[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = y * w + x;
                if (grey) {
                    int v = raster.getSample(x, y, 0) >> shift;
                    samples[0][at] = v;
                    samples[1][at] = v;
                    samples[2][at] = v;
                } else {
                    int rgb = image.getRGB(x, y);
                    samples[0][at] = (rgb >> 16) & 0xff;
                    samples[1][at] = (rgb >> 8) & 0xff;
                    samples[2][at] = rgb & 0xff;
                }
            }
        }
        int size = ImageSet.SIZE;
        byte[] chw = new byte[3 * size * size];
        if (grey && w == 28 && h == 28) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        chw[c * size * size + (y + 2) * size + x + 2] = (byte) samples[c][y * 28 + x];
                    }
                }
            }
            return chw;
        }
        for (int ty = 0; ty < size; ty++) {
            int y0 = ty * h / size;
            int y1 = Math.max(y0 + 1, (ty + 1) * h / size);
            for (int tx = 0; tx < size; tx++) {
                int x0 = tx * w / size;
                int x1 = Math.max(x0 + 1, (tx + 1) * w / size);
                for (int c = 0; c < 3; c++) {
                    long sum = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            sum += samples[c][y * w + x];
                        }
                    }
                    chw[c * size * size + ty * size + tx] = (byte) (sum / ((long) (y1 - y0) * (x1 - x0)));
                }
            }
        }
        return chw;
    }
}
