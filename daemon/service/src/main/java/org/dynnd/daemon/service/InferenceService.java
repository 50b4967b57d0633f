package org.dynnd.daemon.service;

/**
 * Classifies one decoded image with the model at the operating point the governor set. The
 * socket server calls it from its inference threads only, never from an event loop; it may block.
 * The daemon implements it on top of the models module when it joins the modules.
 */
public interface InferenceService {

    /** The model's name for {@code hello}, such as {@code alexnet-grouped-cifar10}. */
    String modelName();

    /**
     * Classifies {@code image}.
     *
     * @throws InferenceException when the image does not fit the model (the message says what
     *     the model accepts) or the engine fails
     */
    InferenceResult classify(DecodedImage image) throws InferenceException;
}
