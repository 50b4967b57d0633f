package org.dynnd.models.runtime;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.dynnd.models.net.AlexNetSpec;

/**
 * Turns one image and a width k into the grouped network's inputs, and its logits back into
 * floats. k travels as the second input of the forward pass, so the one predictor serves
 * every width without reloading or recompiling anything.
 */
final class WidthTranslator implements Translator<WidthTranslator.Request, float[]> {

    /** One image (3 x 32 x 32 values in [0, 1]) to run at {@code k} groups. */
    record Request(float[] image, int k) {}

    @Override
    public NDList processInput(TranslatorContext ctx, Request request) {
        NDManager manager = ctx.getNDManager();
        return new NDList(
                manager.create(request.image(), new Shape(1, AlexNetSpec.CHANNELS, AlexNetSpec.SIZE, AlexNetSpec.SIZE)),
                manager.create(request.k()));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
        // The request already is a batch of one; k is a scalar that must not be stacked.
        return null;
    }
}
