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
}
