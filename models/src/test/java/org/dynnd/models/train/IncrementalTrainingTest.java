package org.dynnd.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dynnd.models.TestImages;
import org.dynnd.models.bundle.EpochReport;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.NestedAlexNet;
import org.dynnd.models.net.Networks;
import org.dynnd.models.net.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncrementalTrainingTest {

    private static final ImageSet TRAIN = TestImages.bands(96, 4, 1);
    private static final ImageSet TEST = TestImages.bands(40, 4, 2);
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-26T10:00:00Z"));

    private static TrainingSettings settings(int groups, int dense) {
        return new TrainingSettings(groups, 1, dense, 32, 0.003f, 0.5f, 0, 7);
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void stageGChangesGroupGAndLeavesEveryEarlierParameterBitForBit(Scheme scheme) throws Exception {
        stageGLeavesTheOthersAlone(scheme, settings(3, 0));
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void weightDecayAndMomentumTouchNoFrozenParameter(Scheme scheme) throws Exception {
        stageGLeavesTheOthersAlone(scheme, recipe(3, 0));
    }

    private static void stageGLeavesTheOthersAlone(Scheme scheme, TrainingSettings settings) throws Exception {
        Engine.getEngine(Networks.ENGINE).setRandomSeed(3);
        StageTrainer stages = new StageTrainer(settings, System::nanoTime);
        try (Model model = Networks.create("frozen", scheme, new AlexNetSpec(3, 4))) {
            GroupNet net = Networks.net(model);
            stages.train(model, scheme.label(), 1, 1, TRAIN);
            Map<String, float[]> afterStage1 = snapshot(net);
            float[] logitsK1 = Evaluation.logits(net, model.getNDManager(), TEST.input(0), 1, 1);

            stages.train(model, scheme.label(), 2, 1, TRAIN);
            Map<String, float[]> afterStage2 = snapshot(net);

            for (Parameter p : net.stageParameters(1)) {
                assertThat(Arrays.equals(afterStage1.get(p.getId()), afterStage2.get(p.getId())))
                        .as("stage-1 parameter %s must not change in stage 2", p.getName()).isTrue();
            }
            for (Parameter p : net.stageParameters(3)) {
                assertThat(afterStage2.get(p.getId())).as("stage-3 parameter %s", p.getName())
                        .isEqualTo(afterStage1.get(p.getId()));
            }
            long changed = net.stageParameters(2).stream()
                    .filter(p -> !Arrays.equals(afterStage1.get(p.getId()), afterStage2.get(p.getId()))).count();
            assertThat(changed).as("stage 2 trains its own parameters, running statistics included")
                    .isEqualTo(net.stageParameters(2).size());
            assertThat(Evaluation.logits(net, model.getNDManager(), TEST.input(0), 1, 1)).isEqualTo(logitsK1);
        }
    }

    @Test
    void trainsANestedBundleThatOpensAsNested(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Manifest manifest = new IncrementalTraining(Scheme.NESTED, settings(2, 0), new PrintStream(console, true),
                System::nanoTime, CLOCK).run("bands", TRAIN, TEST, dir.resolve("bundle"), dir.resolve("ckpt"));
        assertThat(manifest.architecture()).isEqualTo("nested-alexnet-32x32");
        assertThat(manifest.training().epochs()).extracting(EpochReport::network).containsExactly("nested", "nested");
        assertThat(manifest.training().groupedSeconds()).isEqualTo(TrainingState.read(dir.resolve("ckpt/state.json"))
                .seconds("nested"));
        assertThat(console.toString()).contains("nested stage 2/2 epoch 1/1: loss");
        assertThat(dir.resolve("ckpt/nested.params")).exists();
        try (ModelBundle.Opened opened = ModelBundle.open(dir.resolve("bundle"))) {
            assertThat(opened.net()).isInstanceOf(NestedAlexNet.class);
            assertThat(opened.net().parameterBytes(2)).isEqualTo(manifest.parameterBytes().get(1));
            assertThat(Evaluation.accuracy(opened.net(), opened.model().getNDManager(), TEST, 2))
                    .isEqualTo(manifest.accuracy(2));
        }
    }

    private static Map<String, float[]> snapshot(GroupNet net) {
        Map<String, float[]> values = new LinkedHashMap<>();
        net.getParameters().values().forEach(p -> values.put(p.getId(), p.getArray().toFloatArray()));
        return values;
    }

    @Test
    void writesABundleWithAccuracyAndBytesForEveryK(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Manifest manifest = new IncrementalTraining(settings(2, 1), new PrintStream(console, true), System::nanoTime, CLOCK)
                .run("bands", TRAIN, TEST, dir.resolve("bundle"), dir.resolve("ckpt"));
        assertThat(manifest.groups()).isEqualTo(2);
        assertThat(manifest.accuracy()).hasSize(2).allSatisfy(a -> assertThat(a).isBetween(0.0, 100.0));
        assertThat(manifest.denseAccuracy()).isNotNull();
        assertThat(manifest.parameterBytes().get(1)).isGreaterThan(manifest.parameterBytes().get(0));
        assertThat(manifest.training().epochs()).extracting(EpochReport::network)
                .containsExactly("grouped", "grouped", "dense");
        assertThat(manifest.training().finishedAt()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(manifest.dataset().trainImages()).isEqualTo(96);
        assertThat(console.toString()).contains("grouped stage 1/2 epoch 1/1: loss").contains("k = 2: test accuracy");
        assertThat(Files.readString(dir.resolve("bundle/manifest.json"))).contains(manifest.parametersSha256());
    }

    /** The full-data recipe: SGD, cosine schedule, weight decay, validation split, crop and flip views. */
    private static TrainingSettings recipe(int groups, int dense) {
        return new TrainingSettings(groups, 2, dense, 32, 0.02f, 1f, 0, 7, "sgd", "cosine", 0.9f, 5e-4f, 16, 2, true, 3);
    }

    @Test
    void theRecipeHoldsOutValidationImagesAndReportsThem(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Manifest manifest = new IncrementalTraining(recipe(2, 1), new PrintStream(console, true), System::nanoTime, CLOCK)
                .run("bands", TRAIN, TEST, dir.resolve("bundle"), dir.resolve("ckpt"));
        assertThat(manifest.dataset().trainImages()).isEqualTo(80);
        assertThat(manifest.dataset().validationImages()).isEqualTo(16);
        assertThat(manifest.validationAccuracy()).hasSize(2).allSatisfy(a -> assertThat(a).isBetween(0.0, 100.0));
        assertThat(manifest.denseValidationAccuracy()).isNotNull();
        assertThat(manifest.training().epochs()).allSatisfy(e -> assertThat(e.validationAccuracy()).isNotNull());
        assertThat(manifest.training().settings()).isEqualTo(recipe(2, 1));
        assertThat(console.toString()).contains("validation").contains("logits of frozen groups 1..1 for 3 views of 80 images");
        try (ModelBundle.Opened opened = ModelBundle.open(dir.resolve("bundle"))) {
            assertThat(opened.manifest().training().settings()).isEqualTo(recipe(2, 1));
        }
    }

    @Test
    void aResumedRunOfTheRecipeEndsWithTheSameParametersAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        resumesBitForBit(recipe(3, 0), 3, dir);
    }

    @Test
    void aResumedRunEndsWithTheSameParametersAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        resumesBitForBit(settings(2, 0), 1, dir);
    }

    /** Interrupts a run after {@code after} epochs, resumes it, and compares it with an uninterrupted run. */
    private static void resumesBitForBit(TrainingSettings settings, int after, Path dir) throws Exception {
        int total = settings.groups() * settings.epochsPerStage();
        Manifest straight = new IncrementalTraining(settings, quiet(), System::nanoTime, CLOCK)
                .run("bands", TRAIN, TEST, dir.resolve("a"), dir.resolve("a-ckpt"));

        // The console fails right after checkpoint number `after`: an interruption there.
        PrintStream crashing = new PrintStream(new ByteArrayOutputStream()) {
            private int lines;

            @Override
            public void println(String line) {
                if (++lines == after) {
                    throw new IllegalStateException("interrupted after: " + line);
                }
            }
        };
        assertThatThrownBy(() -> new IncrementalTraining(settings, crashing, System::nanoTime, CLOCK)
                .run("bands", TRAIN, TEST, dir.resolve("b"), dir.resolve("b-ckpt")))
                .hasMessageContaining("interrupted after: grouped stage");
        assertThat(TrainingState.read(dir.resolve("b-ckpt/state.json")).epochs()).hasSize(after);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Manifest resumed = new IncrementalTraining(settings, new PrintStream(console, true), System::nanoTime, CLOCK)
                .run("bands", TRAIN, TEST, dir.resolve("b"), dir.resolve("b-ckpt"));
        assertThat(console.toString()).contains(after + " epochs already done").doesNotContain("stage 1/");
        assertThat(resumed.training().epochs()).hasSize(total);
        assertThat(resumed.parametersSha256()).isEqualTo(straight.parametersSha256());
        assertThat(resumed.accuracy()).isEqualTo(straight.accuracy());
    }

    @Test
    void refusesToResumeWithOtherSettings(@TempDir Path dir) throws Exception {
        new IncrementalTraining(settings(2, 0), quiet(), System::nanoTime, CLOCK)
                .run("bands", TRAIN, TEST, dir.resolve("a"), dir.resolve("ckpt"));
        assertThatThrownBy(() -> new IncrementalTraining(settings(2, 1), quiet(), System::nanoTime, CLOCK)
                .run("bands", TRAIN, TEST, dir.resolve("a"), dir.resolve("ckpt")))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("state.json: the checkpoint was made with");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
