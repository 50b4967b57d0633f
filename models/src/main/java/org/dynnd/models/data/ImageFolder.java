package org.dynnd.models.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
 * resized (bilinear) to the network's 32x32 input and stored as RGB. Classes are the folder
 * names in sorted order, files are read in sorted order.
 *
 * <p>Test images: {@code DIR/train/<class>/} and {@code DIR/test/<class>/} when both exist;
 * otherwise {@code DIR/<class>/} holds all images and every fifth file of each class (the 5th,
 * 10th, ...) is a test image, the rest training images.
 */
public final class ImageFolder {

    private static final int EVERY = 5;

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

    /** The image in {@code file} resized to 32x32, as RGB planes (CHW). */
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
        BufferedImage scaled = new BufferedImage(ImageSet.SIZE, ImageSet.SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, ImageSet.SIZE, ImageSet.SIZE, null);
        } finally {
            g.dispose();
        }
        int plane = ImageSet.SIZE * ImageSet.SIZE;
        byte[] chw = new byte[3 * plane];
        for (int y = 0; y < ImageSet.SIZE; y++) {
            for (int x = 0; x < ImageSet.SIZE; x++) {
                int rgb = scaled.getRGB(x, y);
                int at = y * ImageSet.SIZE + x;
                chw[at] = (byte) (rgb >> 16);
                chw[plane + at] = (byte) (rgb >> 8);
                chw[2 * plane + at] = (byte) rgb;
            }
        }
        return chw;
    }
}
