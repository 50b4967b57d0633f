package org.dynnd.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {

    @TempDir
    Path dir;

    @Test
    void parsesEverySpelling() throws Exception {
        Path system = dir.resolve("system");
        Files.createDirectories(system);
        assertThat(DataSource.parse("fashion-mnist", system)).isEqualTo(new DataSource(DataSource.Format.FASHION_MNIST, system));
        assertThat(DataSource.parse("cifar10:" + dir, system)).isEqualTo(new DataSource(DataSource.Format.CIFAR10, dir));
        assertThat(DataSource.parse("fashion-mnist:" + dir, system).format()).isEqualTo(DataSource.Format.FASHION_MNIST);
        Files.write(dir.resolve("test_batch.bin"), new byte[3073]);
        assertThat(DataSource.parse(dir.toString(), system).format()).isEqualTo(DataSource.Format.CIFAR10);
        assertThat(DataSource.parse("data/fashion-mnist", system).format()).isEqualTo(DataSource.Format.FASHION_MNIST);
        DataSource cifar = DataSource.parse("cifar10:" + dir, system);
        assertThat(DataSource.parse(cifar.spec(), system)).isEqualTo(cifar);
    }

    @Test
    void explainsWhatIsAllowed() {
        assertThatThrownBy(() -> DataSource.parse("", dir)).hasMessageContaining("allowed: fashion-mnist");
        assertThatThrownBy(() -> DataSource.parse("cifar10:" + dir.resolve("nope"), dir))
                .hasMessageContaining("nope: data folder does not exist");
        assertThatThrownBy(() -> DataSource.parse(dir.toString(), dir))
                .hasMessageContaining("holds neither Fashion-MNIST IDX files");
    }

    @Test
    void theCommittedFolderHasNoTrainingSet() throws Exception {
        DataSource committed = DataSource.parse("data/fashion-mnist", dir);
        assertThat(committed.test().count()).isEqualTo(10_000);
        assertThatThrownBy(committed::train).hasMessageContaining("train-images-idx3-ubyte.gz: missing");
    }
}
