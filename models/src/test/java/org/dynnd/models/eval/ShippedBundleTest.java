package org.dynnd.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.FashionMnist;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.GroupedAlexNet;
import org.dynnd.models.net.NestedAlexNet;
import org.dynnd.models.net.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed bundles, the default grouped one and the nested-width comparison one: they open,
 * and their manifests' accuracies are reproduced.
 */
class ShippedBundleTest {

    private static final Path BUNDLE = Path.of("zoo/alexnet-g4-fmnist");
    private static final Path NESTED = Path.of("zoo/alexnet-g4-fmnist-nested");

    /**
     * Test images evaluated here: the manifest's figures are over all 10 000 (which
     * {@code dynnd eval --json} reproduces within 0.1 point); the first 2 000 keep this module's
     * tests short and still pin every k to within 2.5 points (3.5 standard errors at 87 %).
     */
    private static final int SUBSET = 2_000;

    @ParameterizedTest
    @ValueSource(strings = {"zoo/alexnet-g4-fmnist", "zoo/alexnet-g4-fmnist-nested"})
    void agreesWithTheManifestAccuracyAtEveryKOnAFixedSubset(Path bundle) throws Exception {
        Manifest manifest = ModelBundle.manifest(bundle);
        ImageSet test = new FashionMnist(Path.of("data/fashion-mnist")).test();
        assertThat(manifest.dataset().testImages()).isEqualTo(test.count());
        List<WidthReport> reports = new BundleEvaluation(System::nanoTime).evaluate(bundle, test.head(SUBSET), 0, 0);
        assertThat(reports).hasSize(manifest.groups());
        for (WidthReport report : reports) {
            assertThat(report.accuracy()).as("k = %d", report.k()).isCloseTo(manifest.accuracy(report.k()), within(2.5));
        }
        // Each added group helps, and even one group is a useful classifier (10 classes: chance is 10%).
        assertThat(reports.get(0).accuracy()).isGreaterThan(80);
        assertThat(reports.get(manifest.groups() - 1).accuracy()).isGreaterThan(reports.get(0).accuracy());
        assertThat(manifest.training().settings().groups()).isEqualTo(4);
    }

    @Test
    void theNestedBundleIsTheGroupedWidthsWithCrossGroupInputs() throws Exception {
        Manifest grouped = ModelBundle.manifest(BUNDLE);
        Manifest nested = ModelBundle.manifest(NESTED);
        assertThat(nested.architecture()).isEqualTo(Scheme.NESTED.architecture());
        assertThat(grouped.denseAccuracy()).isNotNull();
        // Group 1 reads only the image in both schemes; every later group reads more in the nested one.
        assertThat(nested.parameterBytes().get(0)).isEqualTo(grouped.parameterBytes().get(0));
        for (int k = 2; k <= nested.groups(); k++) {
            assertThat(nested.parameterBytes().get(k - 1)).isGreaterThan(grouped.parameterBytes().get(k - 1));
        }
        TrainingSettings g = grouped.training().settings();
        TrainingSettings n = nested.training().settings();
        assertThat(List.of(n.groups(), n.epochsPerStage(), n.batchSize(), n.seed()))
                .isEqualTo(List.of(g.groups(), g.epochsPerStage(), g.batchSize(), g.seed()));
        assertThat(n.learningRate()).isEqualTo(g.learningRate());
        assertThat(n.decay()).isEqualTo(g.decay());
        try (ModelBundle.Opened opened = ModelBundle.open(NESTED)) {
            assertThat(opened.net()).isInstanceOf(NestedAlexNet.class);
        }
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
