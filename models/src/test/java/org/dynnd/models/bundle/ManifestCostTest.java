package org.dynnd.models.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dynnd.models.TestBundles;
import org.dynnd.models.TestImages;
import org.dynnd.models.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest states every k's multiply-accumulates, and they must be the parameters' own. */
class ManifestCostTest {

    private static final ImageSet TEST = TestImages.bands(20, 10, 5);

    @Test
    void aWrittenBundleStatesItsCostPerKAndOpensWithIt(@TempDir Path dir) throws Exception {
        Manifest written = TestBundles.write(dir, 3, TEST);
        try (ModelBundle.Opened opened = ModelBundle.open(dir)) {
            assertThat(opened.manifest().macs()).hasSize(3).isSorted().doesNotHaveDuplicates();
            assertThat(written.macs()).isEqualTo(opened.manifest().macs());
        }
    }

    @Test
    void aCostThatIsNotTheParametersIsRefusedWithTheKeyAndBothValues(@TempDir Path dir) throws Exception {
        Manifest written = TestBundles.write(dir, 2, TEST);
        Path file = dir.resolve("manifest.json");
        String json = Files.readString(file);
        Files.writeString(file, json.replace(String.valueOf(written.macs().get(1)), "12345"));
        assertThatThrownBy(() -> ModelBundle.open(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("key macs is [" + written.macs().get(0) + ", 12345]")
                .hasMessageContaining(String.valueOf(written.macs().get(1)));
    }

    @Test
    void aBundleOlderThanTheKeyGetsItFromItsParameters(@TempDir Path dir) throws Exception {
        Manifest written = TestBundles.write(dir, 2, TEST);
        Path file = dir.resolve("manifest.json");
        String json = Files.readString(file);
        String without = json.replaceAll("\"macs\"\\s*:\\s*\\[[^]]*\\],?", "").replaceAll(",\\s*}\\s*$", "\n}\n");
        assertThat(without).doesNotContain("macs");
        Files.writeString(file, without);
        try (ModelBundle.Opened opened = ModelBundle.open(dir)) {
            assertThat(opened.manifest().macs()).isEqualTo(written.macs());
        }
        assertThat(List.of(written.macs().get(0) * 2)).containsExactly(written.macs().get(1));
    }
}
