package org.dynnd.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.models.TestImages;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.Augmentation;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.GroupedAlexNet;
import org.dynnd.models.net.Networks;
import org.dynnd.models.net.Scheme;
import org.junit.jupiter.api.Test;

class FrozenLogitsTest {

    private static final ImageSet IMAGES = TestImages.bands(24, 4, 5);
    private static final Augmentation VIEWS = new Augmentation(2, true, 3, 11);

    /** Loss, logits and the stage's gradients of one training step on the views {@code views} of all images. */
    private record Step(float loss, float[] logits, List<float[]> gradients) {}

    @Test
    void aStageStepOnCachedFrozenLogitsHasTheLossAndGradientsOfTheFullForwardPass() throws Exception {
        Engine.getEngine(Networks.ENGINE).setRandomSeed(4);
        StageTrainer stages = new StageTrainer(new TrainingSettings(3, 1, 0, 8, 0.01f, 1f, 0, 2), System::nanoTime);
        try (Model model = Networks.create("cached", Scheme.GROUPED, new AlexNetSpec(3, 4))) {
            GroupedAlexNet net = (GroupedAlexNet) Networks.net(model);
            // Trained groups 1 and 2 (batch norm statistics moved off their initial values).
            stages.train(model, "grouped", 1, 1, IMAGES);
            stages.train(model, "grouped", 2, 1, IMAGES);
            FrozenLogits frozen = new FrozenLogits(IMAGES, VIEWS, 4);
            frozen.extendTo(net, model.getNDManager(), 3);
            assertThat(frozen.groups()).isEqualTo(2);

            int[] views = new int[IMAGES.count()];
            for (int i = 0; i < views.length; i++) {
                views[i] = i % VIEWS.views();
            }
            net.prepareStage(3);
            Step full = step(model, net, views, null);
            net.prepareStage(3);
            Step cached = step(model, net, views, frozen);

            assertThat(cached.loss()).isCloseTo(full.loss(), within(1e-5f));
            for (int i = 0; i < full.logits().length; i++) {
                assertThat(cached.logits()[i]).as("logit %d", i).isCloseTo(full.logits()[i], within(1e-4f));
            }
            long learnable = net.stageParameters(3).stream().filter(Parameter::requiresGradient).count();
            assertThat(full.gradients().size()).isEqualTo(learnable).isEqualTo(cached.gradients().size()).isPositive();
            for (int p = 0; p < full.gradients().size(); p++) {
                float[] a = full.gradients().get(p);
                float[] b = cached.gradients().get(p);
                double scale = 0;
                for (float v : a) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertThat(scale).as("parameter %d has a gradient", p).isGreaterThan(0);
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) b[i]).as("gradient %d of parameter %d", i, p).isCloseTo(a[i], within(1e-4 * scale + 1e-7));
                }
            }
        }
    }

    private static Step step(Model model, GroupNet net, int[] views, FrozenLogits frozen) {
        int n = IMAGES.count();
        float[] data = new float[n * ImageSet.INPUT_VALUES];
        float[] labels = new float[n];
        float[] logits = new float[n * 4];
        for (int i = 0; i < n; i++) {
            VIEWS.copy(IMAGES, i, views[i], data, i * ImageSet.INPUT_VALUES);
            labels[i] = IMAGES.label(i);
            if (frozen != null) {
                frozen.copy(i, views[i], logits, i * 4);
            }
        }
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList inputs = new NDList(scope.create(data, new Shape(n, 3, 32, 32)), scope.create(3));
            if (frozen != null) {
                inputs.add(scope.create(logits, new Shape(n, 4)));
            }
            ParameterStore store = new ParameterStore(scope, false);
            List<float[]> gradients = new ArrayList<>();
            try (GradientCollector collector = Engine.getEngine(Networks.ENGINE).newGradientCollector()) {
                collector.zeroGradients(); // PyTorch accumulates gradients across backward passes
                NDArray out = net.forward(store, inputs, true).singletonOrThrow();
                NDArray loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(scope.create(labels, new Shape(n))),
                        new NDList(out));
                collector.backward(loss);
                for (Parameter p : net.stageParameters(3)) {
                    if (p.requiresGradient()) {
                        gradients.add(p.getArray().getGradient().toFloatArray());
                    }
                }
                return new Step(loss.getFloat(), out.toFloatArray(), gradients);
            }
        }
    }

    @Test
    void nestedNetworksCannotUseCachedLogits() {
        try (Model model = Networks.create("nested", Scheme.NESTED, new AlexNetSpec(2, 4));
                NDManager scope = model.getNDManager().newSubManager()) {
            GroupNet net = Networks.net(model);
            NDArray images = scope.zeros(new Shape(1, 3, 32, 32));
            NDList withFrozen = new NDList(images, scope.create(2), scope.zeros(new Shape(1, 4)));
            assertThatThrownBy(() -> net.forward(new ParameterStore(scope, false), withFrozen, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be cached");
        }
    }
}
