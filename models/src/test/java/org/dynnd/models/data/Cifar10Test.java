package org.dynnd.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {

    @TempDir
    Path dir;

    /** Writes {@code labels.length} records in the official layout: label, 1024 R, 1024 G, 1024 B. */
    private void writeBatch(String name, int... labels) throws IOException {
        byte[] content = new byte[labels.length * 3073];
        for (int r = 0; r < labels.length; r++) {
            content[r * 3073] = (byte) labels[r];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    content[r * 3073 + 1 + c * 1024 + p] = (byte) (c * 80 + r);
                }
            }
        }
        Files.write(dir.resolve(name), content);
    }

    @Test
    void readsTheOfficialBinaryLayout() throws Exception {
        for (int b = 1; b <= 5; b++) {
            writeBatch("data_batch_" + b + ".bin", b, 9);
        }
        writeBatch("test_batch.bin", 0, 3, 6);
        ImageSet train = new Cifar10(dir).train();
        assertThat(train.count()).isEqualTo(10);
        assertThat(train.label(4)).isEqualTo(3);
        assertThat(train.label(5)).isEqualTo(9);
        ImageSet test = new Cifar10(dir).test();
        assertThat(test.count()).isEqualTo(3);
        assertThat(test.classNames().get(test.label(2))).isEqualTo("frog");
        float[] input = test.input(1);
        assertThat(input[0]).isEqualTo(1 / 255f);
        assertThat(input[1024 + 5]).isEqualTo(81 / 255f);
        assertThat(input[2048 + 1023]).isEqualTo(161 / 255f);
    }

    @Test
    void rejectsMissingFilesSizesAndLabels() throws Exception {
        assertThatThrownBy(() -> new Cifar10(dir).test())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("test_batch.bin") + ": missing CIFAR-10 file");
        Files.write(dir.resolve("test_batch.bin"), new byte[3073 + 5]);
        assertThatThrownBy(() -> new Cifar10(dir).test())
                .hasMessageContaining("test_batch.bin: size 3078 bytes is not a positive multiple of the 3073-byte");
        writeBatch("test_batch.bin", 2, 10);
        assertThatThrownBy(() -> new Cifar10(dir).test())
                .hasMessageContaining("test_batch.bin: label 10 of record 1 is not in 0..9");
        writeBatch("data_batch_1.bin", 1);
        assertThatThrownBy(() -> new Cifar10(dir).train()).hasMessageContaining("data_batch_2.bin: missing");
    }
}
