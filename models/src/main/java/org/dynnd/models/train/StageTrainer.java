package org.dynnd.models.train;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.listener.LoggingTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.dynnd.models.bundle.EpochReport;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.Augmentation;
import org.dynnd.models.data.ImageBatches;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.data.ViewLogits;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Networks;

/**
 * One epoch of one incremental stage through DJL's training API: freezes everything but the
 * stage's own parameters, runs {@link EasyTrain#fit} with the settings' optimizer and
 * learning-rate schedule, DJL's progress bar and logging listeners, and returns the epoch's
 * loss and training accuracy. Given the frozen groups' logits of every view, only the stage's
 * own path runs.
 */
public final class StageTrainer {

    private final TrainingSettings settings;
    private final LongSupplier nanos;

    /** @param nanos monotonic clock for the epoch's duration */
    public StageTrainer(TrainingSettings settings, LongSupplier nanos) {
        this.settings = settings;
        this.nanos = nanos;
    }

    /** The views of the training images these settings draw (seeded by the settings' seed). */
    public Augmentation augmentation() {
        return new Augmentation(settings.cropPadding(), settings.flip(), settings.views(), settings.seed());
    }

    /**
     * Trains epoch {@code epoch} (1-based) of stage {@code stage} of the network in {@code model},
     * running all groups 1..stage.
     */
    public EpochReport train(Model model, String network, int stage, int epoch, ImageSet train) throws TrainingException {
        return train(model, network, stage, epoch, train, null);
    }

    /**
     * Trains epoch {@code epoch} (1-based) of stage {@code stage}; {@code frozen} holds the
     * logits of groups 1..stage-1 for every view of {@code train} (then only group {@code stage}
     * runs), or is null to run all groups.
     */
    public EpochReport train(Model model, String network, int stage, int epoch, ImageSet train, ViewLogits frozen)
            throws TrainingException {
        GroupNet net = Networks.net(model);
        net.prepareStage(stage);
        EpochStatistics statistics = new EpochStatistics();
        // A shuffle and a choice of views of its own for every network, stage and epoch, fixed by the seed.
        long seed = settings.seed() * 1_000_003L + (network.equals(IncrementalTraining.DENSE) ? 500_000 : 0) + stage * 1_000L + epoch;
        ImageBatches batches = new ImageBatches(train, settings.batchSize(), stage, seed, augmentation(),
                stage > 1 ? frozen : null);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer(settings.epochs(network), epoch, batches.batches()))
                .addTrainingListeners(TrainingListener.Defaults.basic())
                .addTrainingListeners(new LoggingTrainingListener(), statistics);
        long start = nanos.getAsLong();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(settings.batchSize(), AlexNetSpec.CHANNELS, AlexNetSpec.SIZE, AlexNetSpec.SIZE));
            EasyTrain.fit(trainer, 1, batches, null);
        } catch (IOException | TranslateException e) {
            throw new TrainingException(network + " stage " + stage + " epoch " + epoch + " failed: " + e.getMessage(), e);
        }
        double seconds = (nanos.getAsLong() - start) / 1e9;
        return new EpochReport(network, stage, epoch, statistics.loss(), statistics.accuracy(), seconds, null);
    }

    /**
     * A fresh optimizer for one epoch (so a resumed run computes what an uninterrupted one does);
     * its update count restarts at 1 every epoch, which the schedule turns into the stage's step.
     */
    private Optimizer optimizer(int epochs, int epoch, int steps) {
        Tracker rate = update -> settings.learningRate(epoch, Math.min(update, steps), epochs, steps);
        if (settings.optimizer().equals("sgd")) {
            return Optimizer.sgd().setLearningRateTracker(rate).optMomentum(settings.momentum())
                    .optWeightDecays(settings.weightDecay()).build();
        }
        return Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(settings.weightDecay()).build();
    }
}
