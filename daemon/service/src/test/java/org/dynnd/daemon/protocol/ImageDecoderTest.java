package org.dynnd.daemon.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dynnd.daemon.service.DecodedImage;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(64 * 64);

    private static String png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void greyPngKeepsItsExactSamples() throws Exception {
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 2, 0, 200);
        grey.getRaster().setSample(0, 0, 0, 17);
        DecodedImage d = decoder.decode(png(grey));
        assertThat(d.channels()).isEqualTo(1);
        assertThat(d.sample(3, 2, 0)).isEqualTo(200);
        assertThat(d.sample(0, 0, 0)).isEqualTo(17);
        assertThat(d.sample(1, 1, 0)).isZero();
    }

    @Test
    void rgbPngIsInterleavedRowMajor() throws Exception {
        BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(5, 1, 0x102030);
        DecodedImage d = decoder.decode(png(rgb));
        assertThat(d.channels()).isEqualTo(3);
        assertThat(new int[] {d.sample(5, 1, 0), d.sample(5, 1, 1), d.sample(5, 1, 2)}).containsExactly(0x10, 0x20, 0x30);
    }

    @Test
    void rawBytesOfTheTwoDatasetShapes() {
        byte[] rgb = new byte[32 * 32 * 3];
        rgb[(2 * 32 + 1) * 3 + 2] = (byte) 250;
        DecodedImage d = decoder.decode(Base64.getEncoder().encodeToString(rgb));
        assertThat(d.width()).isEqualTo(32);
        assertThat(d.sample(1, 2, 2)).isEqualTo(250);
        assertThat(decoder.decode(Base64.getEncoder().encodeToString(new byte[784])).width()).isEqualTo(28);
    }

    @Test
    void refusalsSayWhatIsAccepted() throws Exception {
        assertThatThrownBy(() -> decoder.decode("@@@")).hasMessageContaining("base64");
        assertThatThrownBy(() -> decoder.decode(Base64.getEncoder().encodeToString(new byte[10])))
                .hasMessageContaining("784").hasMessageContaining("3072");
        String huge = png(new BufferedImage(65, 64, BufferedImage.TYPE_BYTE_GRAY));
        assertThatThrownBy(() -> decoder.decode(huge)).hasMessageContaining("65x64").hasMessageContaining("4096 pixels");
        byte[] truncated = Base64.getDecoder().decode(png(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)));
        byte[] head = java.util.Arrays.copyOf(truncated, 20);
        assertThatThrownBy(() -> decoder.decode(Base64.getEncoder().encodeToString(head))).hasMessageContaining("field 'image'");
    }

    private static byte[] file(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private String decodeRefusal(byte[] bytes) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> decoder.decode(Base64.getEncoder().encodeToString(bytes)));
        assertThat(t).as("refused (%d bytes)", bytes.length).isInstanceOf(IllegalArgumentException.class);
        return t.getMessage();
    }

    @Test
    void aPngCutShortAnywhereIsRefused() throws Exception {
        byte[] whole = file(noise(32, 32), "png");
        assertThat(decoder.decode(Base64.getEncoder().encodeToString(whole)).width()).isEqualTo(32);
        for (int n = 8; n < whole.length; n++) {
            assertThat(decodeRefusal(java.util.Arrays.copyOf(whole, n))).startsWith("field 'image'");
        }
        assertThat(decodeRefusal(java.util.Arrays.copyOf(whole, 60))).contains("cut short");
        byte[] damaged = whole.clone();
        damaged[whole.length / 2] ^= 0x10;
        assertThat(decodeRefusal(damaged)).contains("checksum");
    }

    @Test
    void aJpegCutShortIsRefused() throws Exception {
        byte[] whole = file(noise(32, 32), "jpg");
        assertThat(decoder.decode(Base64.getEncoder().encodeToString(whole)).channels()).isEqualTo(3);
        for (int n = 3; n < whole.length; n += 7) {
            assertThat(decodeRefusal(java.util.Arrays.copyOf(whole, n))).startsWith("field 'image'");
        }
        // Cut in the middle but given an end marker again: the decoder's warning refuses it.
        byte[] patched = java.util.Arrays.copyOf(whole, whole.length / 2 + 2);
        patched[patched.length - 2] = (byte) 0xff;
        patched[patched.length - 1] = (byte) 0xd9;
        assertThat(decodeRefusal(patched)).startsWith("field 'image'");
    }

    @Test
    void aHugeSixteenBitPngIsRefusedFromItsHeaderAlone() throws Exception {
        // The header of a 4096x4096 16-bit RGBA PNG, then its end: nothing to decode.
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(4096).putInt(4096).put((byte) 16).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1});
        chunk(png, "IEND", new byte[0]);
        ImageDecoder board = new ImageDecoder(1024 * 1024);
        assertThatThrownBy(() -> board.decode(Base64.getEncoder().encodeToString(png.toByteArray())))
                .hasMessageContaining("4096x4096").hasMessageContaining("1048576 pixels");
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        java.io.DataOutputStream d = new java.io.DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
