package org.dynnd.models.data;

/**
 * Logits computed beforehand for every augmented view of every image of a set, handed to the
 * network as a third input beside the batch that shows those views.
 */
public interface ViewLogits {

    /** Values per view (the number of classes). */
    int classes();

    /** Writes the logits of view {@code view} of image {@code image} at {@code offset}. */
    void copy(int image, int view, float[] target, int offset);
}
