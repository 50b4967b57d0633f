package org.dynnd.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import org.dynnd.models.TestImages;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Networks;
import org.dynnd.models.net.Scheme;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void logitsInBoundedBatchesAreTheLogitsOfOneBatch() {
        Engine.getEngine(Networks.ENGINE).setRandomSeed(8);
        ImageSet images = TestImages.bands(7, 4, 3);
        float[] inputs = new float[images.count() * ImageSet.INPUT_VALUES];
        for (int i = 0; i < images.count(); i++) {
            images.copyInput(i, inputs, i * ImageSet.INPUT_VALUES);
        }
        try (Model model = Networks.create("batches", Scheme.GROUPED, new AlexNetSpec(2, 4))) {
            GroupNet net = Networks.net(model);
            float[] whole = Evaluation.logits(net, model.getNDManager(), inputs, 7, 2, 7);
            float[] pieces = Evaluation.logits(net, model.getNDManager(), inputs, 7, 2, 3);
            assertThat(pieces).hasSize(7 * 4);
            for (int i = 0; i < whole.length; i++) {
                assertThat(pieces[i]).as("logit %d", i).isCloseTo(whole[i], within(1e-5f));
            }
            float[] last = Evaluation.logits(net, model.getNDManager(), images.input(6), 1, 2);
            for (int c = 0; c < 4; c++) {
                assertThat(pieces[6 * 4 + c]).isCloseTo(last[c], within(1e-5f));
            }
        }
    }
}
