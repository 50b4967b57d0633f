package org.dynnd.models.train;

/**
 * How a bundle is trained; recorded in its manifest so the run can be reproduced.
 *
 * @param groups number of channel groups G (2..8)
 * @param epochsPerStage epochs of each incremental stage
 * @param denseEpochs epochs of the dense reference network (0 skips it)
 * @param batchSize images per training batch
 * @param learningRate Adam's learning rate in the first epoch of a stage
 * @param decay factor applied to the learning rate at each further epoch of a stage
 * @param trainImages how many training images are used (the first ones; 0 for all)
 * @param seed seed of the weight initialisation and of the per-epoch shuffles
 */
public record TrainingSettings(
        int groups, int epochsPerStage, int denseEpochs, int batchSize, float learningRate, float decay,
        int trainImages, long seed) {

    public TrainingSettings {
        if (groups < 2 || groups > 8) {
            throw new IllegalArgumentException("groups must be in 2..8, got " + groups);
        }
        if (epochsPerStage < 1) {
            throw new IllegalArgumentException("epochs per stage must be at least 1, got " + epochsPerStage);
        }
        if (denseEpochs < 0) {
            throw new IllegalArgumentException("dense epochs must not be negative, got " + denseEpochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(learningRate > 0) || !(decay > 0) || decay > 1) {
            throw new IllegalArgumentException("learning rate must be positive and decay in (0, 1], got "
                    + learningRate + " and " + decay);
        }
        if (trainImages < 0) {
            throw new IllegalArgumentException("train images must not be negative, got " + trainImages);
        }
    }

    /** The learning rate of epoch {@code epoch} (1-based) of a stage. */
    public float learningRate(int epoch) {
        return (float) (learningRate * Math.pow(decay, epoch - 1));
    }
}
