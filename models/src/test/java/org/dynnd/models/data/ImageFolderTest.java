package org.dynnd.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    /** A 64x48 image, red on the left half and blue on the right. */
    private static void write(Path file, String format) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, x < 32 ? 0xff0000 : 0x0000ff);
            }
        }
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    }

    @Test
    void readsClassFoldersResizedToTheInputAndSplitsEveryFifthImageOffForTesting(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 5; i++) {
            write(dir.resolve("cat/" + i + ".png"), "png");
            write(dir.resolve("dog/" + i + ".JPG"), "jpg");
        }
        Files.writeString(dir.resolve("dog/notes.txt"), "not an image: ignored");
        DataSource source = DataSource.parse("imagefolder:" + dir, Path.of("/nowhere"));
        ImageSet train = source.train();
        ImageSet test = source.test();
        assertThat(train.classNames()).containsExactly("cat", "dog");
        assertThat(train.count()).isEqualTo(8);
        assertThat(test.count()).isEqualTo(2);
        assertThat(test.label(0)).isZero();
        assertThat(test.label(1)).isEqualTo(1);
        float[] input = train.input(0);
        // Scaled, not cropped: the left half is red, the right half blue.
        assertThat(input[16 * 32 + 4]).isEqualTo(1f);
        assertThat(input[2 * 1024 + 16 * 32 + 4]).isEqualTo(0f);
        assertThat(input[2 * 1024 + 16 * 32 + 28]).isEqualTo(1f);
        assertThat(input[16 * 32 + 28]).isEqualTo(0f);
    }

    @Test
    void greyImagesKeepTheirSamplesAndA28x28OneIsPaddedAsTheDaemonPadsIt(@TempDir Path dir) throws Exception {
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        Files.createDirectories(dir.resolve("a"));
        ImageIO.write(grey, "png", dir.resolve("a/grey.png").toFile());
        byte[] chw = ImageFolder.decode(dir.resolve("a/grey.png"));
        for (int c = 0; c < 3; c++) {
            assertThat(chw[c * 1024 + 2 * 32 + 2]).as("channel %d", c).isEqualTo((byte) 100);
            assertThat(chw[c * 1024]).isZero();
        }
    }

    @Test
    void usesTrainAndTestFoldersWhenBothExist(@TempDir Path dir) throws Exception {
        write(dir.resolve("train/a/1.png"), "png");
        write(dir.resolve("train/b/1.png"), "png");
        write(dir.resolve("train/b/2.png"), "png");
        write(dir.resolve("test/a/1.png"), "png");
        write(dir.resolve("test/b/1.png"), "png");
        ImageFolder folder = new ImageFolder(dir);
        assertThat(folder.train().count()).isEqualTo(3);
        assertThat(folder.test().count()).isEqualTo(2);
    }

    @Test
    void badDataIsAnErrorNamingTheFileOrFolder(@TempDir Path dir) throws Exception {
        write(dir.resolve("one/1.png"), "png");
        assertThatThrownBy(() -> new ImageFolder(dir).train()).isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("at least two sub-folders");

        Files.createDirectories(dir.resolve("two"));
        assertThatThrownBy(() -> new ImageFolder(dir).train()).isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("two").toString()).hasMessageContaining("no PNG or JPEG files");

        Files.write(dir.resolve("two/broken.png"), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> new ImageFolder(dir).train()).isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("two/broken.png").toString()).hasMessageContaining("not a readable");
    }
}
