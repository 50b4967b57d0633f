package org.dynnd.daemon.protocol;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.dynnd.daemon.service.DecodedImage;

/**
 * Decodes the {@code image} field of {@code infer}: PNG or JPEG (by their magic bytes), or raw
 * bytes of exactly 28x28 (grey, MNIST-like) or 32x32x3 (RGB interleaved per pixel, row-major,
 * CIFAR-like). A PNG or JPEG must be whole (see {@link ImageContainer}), and its dimensions are
 * checked before its pixels are decoded, so a small compressed file that claims a huge image is
 * refused without allocating it.
 */
public final class ImageDecoder {

    /** Raw grey image: 28x28 bytes. */
    public static final int RAW_GREY_BYTES = 28 * 28;
    /** Raw RGB image: 32x32x3 bytes. */
    public static final int RAW_RGB_BYTES = 32 * 32 * 3;

    private final int maxPixels;

    /** @param maxPixels the most pixels a PNG or JPEG may have */
    public ImageDecoder(int maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Decodes base64 {@code text}; the exception's message says what was wrong and what is accepted. */
    public DecodedImage decode(String text) throws IllegalArgumentException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'image' is not valid base64: " + e.getMessage());
        }
        if (isPng(bytes)) {
            ImageContainer.requireWholePng(bytes);
            return decodeCompressed(bytes);
        }
        if (isJpeg(bytes)) {
            ImageContainer.requireWholeJpeg(bytes);
            return decodeCompressed(bytes);
        }
        if (bytes.length == RAW_GREY_BYTES) {
            return new DecodedImage(28, 28, 1, bytes);
        }
        if (bytes.length == RAW_RGB_BYTES) {
            return new DecodedImage(32, 32, 3, bytes);
        }
        throw new IllegalArgumentException("field 'image' holds " + bytes.length + " bytes that are neither PNG nor JPEG nor raw "
                + RAW_GREY_BYTES + " (28x28 grey) or " + RAW_RGB_BYTES + " (32x32 RGB) bytes");
    }

    private DecodedImage decodeCompressed(byte[] bytes) {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("field 'image': no decoder for this PNG/JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new IllegalArgumentException("field 'image' is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + "; at most " + maxPixels + " pixels are accepted");
                }
                // A JPEG with missing or damaged data decodes with warnings only: refuse it.
                java.util.List<String> warnings = new java.util.ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new IllegalArgumentException("field 'image' is damaged: " + warnings.get(0));
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("field")) {
                throw iae;
            }
            throw new IllegalArgumentException("field 'image' could not be decoded: " + e.getMessage());
        }
        return toDecoded(image);
    }

    private static DecodedImage toDecoded(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean grey = image.getColorModel().getNumColorComponents() == 1;
        int channels = grey ? 1 : 3;
        byte[] pixels = new byte[w * h * channels];
        // Grey samples are read from the raster: getRGB would pass them through a gamma curve.
        int shift = grey ? Math.max(0, image.getColorModel().getComponentSize(0) - 8) : 0;
        java.awt.image.Raster raster = image.getRaster();
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey) {
                    pixels[i++] = (byte) (raster.getSample(x, y, 0) >> shift);
                } else {
                    int rgb = image.getRGB(x, y);
                    pixels[i++] = (byte) (rgb >> 16);
                    pixels[i++] = (byte) (rgb >> 8);
                    pixels[i++] = (byte) rgb;
                }
            }
        }
        return new DecodedImage(w, h, channels, pixels);
    }

    private static boolean isPng(byte[] b) {
        return b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }
}
