package org.dynnd.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    /** The repository's copy of the real test set. */
    private static final Path COMMITTED = Path.of("data/fashion-mnist");

    @Test
    void readsTheCommittedTestSetPaddedTo32x32() throws Exception {
        ImageSet test = new FashionMnist(COMMITTED).test();
        assertThat(test.count()).isEqualTo(10_000);
        assertThat(test.channels()).isEqualTo(1);
        assertThat(test.classNames()).hasSize(10).startsWith("T-shirt/top");
        // The first test image is an ankle boot (label 9) per the data set's own files.
        assertThat(test.label(0)).isEqualTo(9);
        float[] input = test.input(0);
        assertThat(input).hasSize(3 * 32 * 32);
        for (int i = 0; i < 32 * 32; i++) {
            int row = i / 32;
            int col = i % 32;
            if (row < 2 || row >= 30 || col < 2 || col >= 30) {
                assertThat(input[i]).as("padding at %d,%d", row, col).isZero();
            }
            assertThat(input[1024 + i]).isEqualTo(input[i]);
            assertThat(input[2048 + i]).isEqualTo(input[i]);
        }
    }

    @Test
    void readsUncompressedFilesToo() throws Exception {
        writeLabels("t10k-labels-idx1-ubyte", false, 2, new byte[] {3, 7});
        writeImages("t10k-images-idx3-ubyte", false, 2, 28, 28, 28 * 28 * 2);
        ImageSet set = new FashionMnist(dir).test();
        assertThat(set.count()).isEqualTo(2);
        assertThat(set.label(1)).isEqualTo(7);
        // pixel value = index within the image modulo 251; image 0, source row 0, col 0 lands at (2, 2)
        assertThat(set.pixels()[2 * 32 + 2]).isEqualTo((byte) 0);
        assertThat(set.pixels()[2 * 32 + 3]).isEqualTo((byte) 1);
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> new FashionMnist(dir).train())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("train-images-idx3-ubyte.gz") + ": missing Fashion-MNIST file");
    }

    @Test
    void rejectsWrongMagicTruncationAndCountMismatch() throws Exception {
        writeLabels("t10k-labels-idx1-ubyte.gz", true, 2, new byte[] {1, 2});
        writeImages("t10k-images-idx3-ubyte.gz", true, 0x0801, 28, 28, 0);
        assertThatThrownBy(() -> new FashionMnist(dir).test())
                .hasMessageContaining("t10k-images-idx3-ubyte.gz: not an IDX image file: magic 0x00000801, expected 0x00000803");

        writeImages("t10k-images-idx3-ubyte.gz", true, 2, 28, 28, 100);
        assertThatThrownBy(() -> new FashionMnist(dir).test())
                .hasMessageContaining("t10k-images-idx3-ubyte.gz: truncated");

        writeImages("t10k-images-idx3-ubyte.gz", true, 3, 28, 28, 3 * 784);
        assertThatThrownBy(() -> new FashionMnist(dir).test())
                .hasMessageContaining("3 images but the label file has 2 labels");

        writeImages("t10k-images-idx3-ubyte.gz", true, 2, 32, 32, 2 * 1024);
        assertThatThrownBy(() -> new FashionMnist(dir).test()).hasMessageContaining("images are 32x32, expected 28x28");
    }

    @Test
    void rejectsLabelsOutOfRange() throws Exception {
        writeLabels("t10k-labels-idx1-ubyte.gz", true, 2, new byte[] {1, 12});
        writeImages("t10k-images-idx3-ubyte.gz", true, 2, 28, 28, 2 * 784);
        assertThatThrownBy(() -> new FashionMnist(dir).test())
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz: label 12 of item 1 is not in 0..9");
    }

    private void writeLabels(String name, boolean gzip, int count, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0801);
        out.writeInt(count);
        out.write(labels);
        write(name, gzip, bytes.toByteArray());
    }

    /** {@code countOrMagic} above 0xff is written as the magic (to test it), else as the count. */
    private void writeImages(String name, boolean gzip, int countOrMagic, int rows, int cols, int pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(countOrMagic > 0xff ? countOrMagic : 0x0803);
        out.writeInt(countOrMagic > 0xff ? 2 : countOrMagic);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < pixels; i++) {
            out.write((i % (rows * cols)) % 251);
        }
        write(name, gzip, bytes.toByteArray());
    }

    private void write(String name, boolean gzip, byte[] content) throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve(name));
                OutputStream out = gzip ? new GZIPOutputStream(file) : file) {
            out.write(content);
        }
    }
}
