package org.dynnd.daemon.protocol;

import java.util.zip.CRC32;

/**
 * Checks that a PNG or JPEG file is whole before it is decoded: {@code javax.imageio} decodes a
 * truncated file into an image with missing rows (a JPEG's only sign is a warning), which the
 * model would then classify. A PNG must be a sequence of chunks whose lengths fit the file and
 * whose checksums are right, ending with {@code IEND}; a JPEG must end with its end-of-image
 * marker.
 */
final class ImageContainer {

    private static final int IEND = 0x49454e44;

    private ImageContainer() {}

    /** Throws, saying what is wrong, unless {@code png} (with its 8-byte signature) is a whole PNG file. */
    static void requireWholePng(byte[] png) {
        int at = 8;
        CRC32 crc = new CRC32();
        while (true) {
            if (at + 12 > png.length) {
                throw new IllegalArgumentException("field 'image' is a PNG file cut short at byte " + png.length
                        + " (no IEND chunk); send the whole file");
            }
            long length = readInt(png, at) & 0xffffffffL;
            if (length > png.length - at - 12) {
                throw new IllegalArgumentException("field 'image' is a PNG file cut short: the chunk at byte " + at + " needs "
                        + length + " bytes, " + (png.length - at - 12) + " remain; send the whole file");
            }
            int type = readInt(png, at + 4);
            crc.reset();
            crc.update(png, at + 4, 4 + (int) length);
            int end = at + 8 + (int) length;
            if ((int) crc.getValue() != readInt(png, end)) {
                throw new IllegalArgumentException("field 'image' is a damaged PNG file: the checksum of the chunk at byte " + at
                        + " is wrong");
            }
            at = end + 4;
            if (type == IEND) {
                return;
            }
        }
    }

    /** Throws unless {@code jpeg} ends with the end-of-image marker (FF D9). */
    static void requireWholeJpeg(byte[] jpeg) {
        int n = jpeg.length;
        if (n < 4 || (jpeg[n - 2] & 0xff) != 0xff || (jpeg[n - 1] & 0xff) != 0xd9) {
            throw new IllegalArgumentException("field 'image' is a JPEG file cut short (it does not end with the end-of-image"
                    + " marker FF D9); send the whole file");
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
