package org.dynnd.models.bundle;

import java.util.List;

/**
 * How a bundle is trained; recorded in its manifest so the run can be reproduced. The fields
 * after {@code seed} were added with the full-data recipe; a manifest or checkpoint written
 * before them reads as the first recipe (Adam, step decay, no weight decay, no validation, no
 * augmentation).
 *
 * @param groups number of channel groups G (2..8)
 * @param epochsPerStage epochs of each incremental stage
 * @param denseEpochs epochs of the dense reference network (0 skips it)
 * @param batchSize images per training batch
 * @param learningRate the learning rate at the start of a stage
 * @param decay with the {@code step} schedule: factor applied to the learning rate at each further
 *     epoch of a stage (ignored by {@code cosine})
 * @param trainImages how many training images are used (the first ones; 0 for all)
 * @param seed seed of the weight initialisation, the validation split, the augmentation and the shuffles
 * @param optimizer {@code adam} or {@code sgd} (with {@code momentum})
 * @param schedule {@code step} (constant within an epoch, times {@code decay} per epoch) or
 *     {@code cosine} (from {@code learningRate} to 0 over all batches of the stage)
 * @param momentum SGD momentum (recorded as 0 for Adam)
 * @param weightDecay L2 weight decay added to every gradient
 * @param validationImages training images held out (a seeded random choice) to report accuracy on
 * @param cropPadding random crop with this padding: every view shifts the image by up to this many
 *     pixels in each direction, filling with black
 * @param flip whether views are mirrored left-right at random
 * @param augmentViews augmented views drawn per image for the whole run; each epoch shows one of
 *     them, so the frozen groups' logits are computed once per view (1 without augmentation)
 */
public record TrainingSettings(
        int groups, int epochsPerStage, int denseEpochs, int batchSize, float learningRate, float decay,
        int trainImages, long seed, String optimizer, String schedule, Float momentum, Float weightDecay,
        Integer validationImages, Integer cropPadding, Boolean flip, Integer augmentViews) {

    /** The name the dense reference network is trained, checkpointed and reported under. */
    public static final String DENSE = "dense";

    /** The optimizers this trainer builds. */
    public static final List<String> OPTIMIZERS = List.of("adam", "sgd");
    /** The learning-rate schedules. */
    public static final List<String> SCHEDULES = List.of("step", "cosine");

    public TrainingSettings {
        optimizer = optimizer == null ? "adam" : optimizer;
        schedule = schedule == null ? "step" : schedule;
        momentum = momentum == null ? 0f : momentum;
        weightDecay = weightDecay == null ? 0f : weightDecay;
        validationImages = validationImages == null ? 0 : validationImages;
        cropPadding = cropPadding == null ? 0 : cropPadding;
        flip = flip != null && flip;
        augmentViews = augmentViews == null ? 1 : augmentViews;
        // Settings that do nothing are recorded as their neutral values, so equal runs compare equal.
        momentum = optimizer.equals("sgd") ? momentum : 0f;
        augmentViews = cropPadding > 0 || flip ? augmentViews : 1;
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
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("optimizer is " + optimizer + ", allowed: " + OPTIMIZERS);
        }
        if (!SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("schedule is " + schedule + ", allowed: " + SCHEDULES);
        }
        if (!(momentum >= 0) || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must not be negative, got " + weightDecay);
        }
        if (validationImages < 0) {
            throw new IllegalArgumentException("validation images must not be negative, got " + validationImages);
        }
        if (cropPadding < 0 || cropPadding > 8) {
            throw new IllegalArgumentException("crop padding must be in 0..8 pixels, got " + cropPadding);
        }
        if (augmentViews < 1) {
            throw new IllegalArgumentException("augmented views per image must be at least 1, got " + augmentViews);
        }
    }

    /** The first recipe: Adam with a per-epoch step decay, no weight decay, validation or augmentation. */
    public TrainingSettings(int groups, int epochsPerStage, int denseEpochs, int batchSize, float learningRate,
            float decay, int trainImages, long seed) {
        this(groups, epochsPerStage, denseEpochs, batchSize, learningRate, decay, trainImages, seed,
                null, null, null, null, null, null, null, null);
    }

    /** Whether training images are augmented (cropped with padding or mirrored). */
    public boolean augments() {
        return cropPadding > 0 || flip;
    }

    /** Views per image the data loader draws from: {@link #augmentViews} when augmenting, else 1. */
    public int views() {
        return augments() ? augmentViews : 1;
    }

    /** Epochs of a stage of {@code network} ({@link #DENSE} or the grouped/nested one). */
    public int epochs(String network) {
        return network.equals(DENSE) ? denseEpochs : epochsPerStage;
    }

    /**
     * The learning rate of batch {@code step} (1-based) of epoch {@code epoch} (1-based) of a stage
     * of {@code epochs} epochs of {@code steps} batches each.
     */
    public float learningRate(int epoch, int step, int epochs, int steps) {
        if (schedule.equals("cosine")) {
            double done = ((double) (epoch - 1) * steps + (step - 1)) / ((double) epochs * steps);
            return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * done)));
        }
        return learningRate(epoch);
    }

    /** The learning rate of epoch {@code epoch} (1-based) of a stage under the step schedule. */
    public float learningRate(int epoch) {
        return (float) (learningRate * Math.pow(decay, epoch - 1));
    }
}
