package org.dynnd.models.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dynnd.models.TestBundles;
import org.dynnd.models.TestImages;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.NestedAlexNet;
import org.dynnd.models.net.Scheme;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    private static final ImageSet TEST = TestImages.bands(20, 10, 5);

    @TempDir
    Path dir;

    private Path bundle;
    private Manifest written;

    @BeforeEach
    void writeBundle() throws Exception {
        bundle = dir.resolve("bundle");
        written = TestBundles.write(bundle, 2, TEST);
    }

    @Test
    void roundTripsTheManifestAndTheParameters() throws Exception {
        try (ModelBundle.Opened opened = ModelBundle.open(bundle)) {
            assertThat(opened.manifest()).isEqualTo(written);
            assertThat(opened.net().parameterBytes(2)).isEqualTo(written.parameterBytes().get(1));
        }
        assertThat(written.parametersSha256()).isEqualTo(ModelBundle.sha256(bundle.resolve(ModelBundle.PARAMETERS)));
    }

    @Test
    void roundTripsANestedBundleAndKeepsTheSchemesApart() throws Exception {
        Path nested = dir.resolve("nested");
        Manifest manifest = TestBundles.write(nested, Scheme.NESTED, 2, TEST);
        assertThat(Files.readString(nested.resolve(ModelBundle.MANIFEST))).contains("\"nested-alexnet-32x32\"");
        try (ModelBundle.Opened opened = ModelBundle.open(nested)) {
            assertThat(opened.manifest()).isEqualTo(manifest);
            assertThat(opened.net()).isInstanceOf(NestedAlexNet.class);
            assertThat(opened.net().parameterBytes(2)).isEqualTo(manifest.parameterBytes().get(1));
        }
        // The same group count and classes with the other wiring: the parameter shapes differ.
        Path manifestFile = nested.resolve(ModelBundle.MANIFEST);
        Files.writeString(manifestFile, Files.readString(manifestFile).replace("nested-alexnet", "grouped-alexnet"));
        assertThatThrownBy(() -> ModelBundle.open(nested))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("does not hold the parameters of a grouped-alexnet-32x32 with 2 groups");
    }

    @Test
    void refusesParametersWhoseDigestDiffers() throws Exception {
        Path parameters = bundle.resolve(ModelBundle.PARAMETERS);
        byte[] bytes = Files.readAllBytes(parameters);
        bytes[bytes.length - 1] ^= 1;
        Files.write(parameters, bytes);
        assertThatThrownBy(() -> ModelBundle.open(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(parameters + ": SHA-256 is")
                .hasMessageContaining("not the ones the manifest describes");
    }

    @Test
    void refusesAManifestThatClaimsAnotherGroupCount() throws Exception {
        rewrite("\"groups\" : 2", "\"groups\" : 4");
        rewrite("\"accuracy\" : [ ", "\"accuracy\" : [ 1.0, 2.0, ");
        rewrite("\"parameterBytes\" : [ ", "\"parameterBytes\" : [ 1, 2, ");
        assertThatThrownBy(() -> ModelBundle.open(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("does not hold the parameters of a grouped-alexnet-32x32 with 4 groups");
    }

    @Test
    void refusesParameterBytesThatDisagreeWithTheParameters() throws Exception {
        long bytes = written.parameterBytes().get(0);
        rewrite("\"parameterBytes\" : [ " + bytes, "\"parameterBytes\" : [ " + (bytes + 4));
        assertThatThrownBy(() -> ModelBundle.open(bundle))
                .hasMessageContaining("key parameterBytes[0] (k = 1) is " + (bytes + 4) + " but the parameters hold " + bytes);
    }

    @Test
    void refusesAnotherFormatVersionOrArchitecture() throws Exception {
        rewrite("\"formatVersion\" : 1", "\"formatVersion\" : 9");
        assertThatThrownBy(() -> ModelBundle.manifest(bundle))
                .hasMessageContaining("manifest.json: key formatVersion is 9, expected 1");
        rewrite("\"formatVersion\" : 9", "\"formatVersion\" : 1");
        rewrite("grouped-alexnet-32x32", "resnet");
        assertThatThrownBy(() -> ModelBundle.manifest(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("manifest.json: key architecture is resnet, expected one of "
                        + "grouped-alexnet-32x32, nested-alexnet-32x32");
        assertThatThrownBy(() -> ModelBundle.open(bundle)).hasMessageContaining("key architecture is resnet");
    }

    @Test
    void namesMissingAndMalformedFiles() throws Exception {
        Files.delete(bundle.resolve(ModelBundle.PARAMETERS));
        assertThatThrownBy(() -> ModelBundle.open(bundle)).hasMessageContaining("parameters.params: missing");
        Files.writeString(bundle.resolve(ModelBundle.MANIFEST), "{ not json");
        assertThatThrownBy(() -> ModelBundle.open(bundle)).hasMessageContaining("manifest.json: not a valid manifest");
        Files.delete(bundle.resolve(ModelBundle.MANIFEST));
        assertThatThrownBy(() -> ModelBundle.open(bundle)).hasMessageContaining("manifest.json: missing");
    }

    private void rewrite(String from, String to) throws Exception {
        Path manifest = bundle.resolve(ModelBundle.MANIFEST);
        String text = Files.readString(manifest);
        assertThat(text).contains(from);
        Files.writeString(manifest, text.replace(from, to));
    }
}
