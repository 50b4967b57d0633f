package org.dynnd.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.data.FashionMnist;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.GroupedAlexNet;
import org.dynnd.models.net.Scheme;
import org.junit.jupiter.api.Test;

/** The committed default bundle: it opens, and its manifest's accuracies are reproduced. */
class ShippedBundleTest {

    private static final Path BUNDLE = Path.of("zoo/alexnet-g4-fmnist");

    @Test
    void reproducesTheManifestAccuracyAtEveryKWithinATenthOfAPoint() throws Exception {
        Manifest manifest = ModelBundle.manifest(BUNDLE);
        ImageSet test = new FashionMnist(Path.of("data/fashion-mnist")).test();
        assertThat(manifest.dataset().testImages()).isEqualTo(test.count());
        List<WidthReport> reports = new BundleEvaluation(System::nanoTime).evaluate(BUNDLE, test, 0, 0);
        assertThat(reports).hasSize(manifest.groups());
        for (WidthReport report : reports) {
            assertThat(report.accuracy()).as("k = %d", report.k()).isCloseTo(manifest.accuracy(report.k()), within(0.1));
        }
        // Each added group helps, and even one group is a useful classifier (10 classes: chance is 10%).
        assertThat(reports.get(0).accuracy()).isGreaterThan(80);
        assertThat(reports.get(manifest.groups() - 1).accuracy()).isGreaterThan(reports.get(0).accuracy());
        assertThat(manifest.denseAccuracy()).isNotNull();
        assertThat(manifest.training().settings().groups()).isEqualTo(4);
    }

    @Test
    void theGroupedBundleStillOpensAsTheGroupedNetwork() throws Exception {
        try (ModelBundle.Opened opened = ModelBundle.open(BUNDLE)) {
            assertThat(opened.manifest().architecture()).isEqualTo(Scheme.GROUPED.architecture());
            assertThat(opened.net()).isInstanceOf(GroupedAlexNet.class);
            for (int k = 1; k <= opened.manifest().groups(); k++) {
                assertThat(opened.net().parameterBytes(k)).isEqualTo(opened.manifest().parameterBytes().get(k - 1));
            }
        }
        assertThat(ModelBundle.sha256(BUNDLE.resolve(ModelBundle.PARAMETERS)))
                .isEqualTo("794461b1166b7c225eeef32421de9d63a24d8339bfff5be0570f2e267ef2755a");
    }
}
