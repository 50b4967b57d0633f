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
import org.dynnd.models.data.ImageBatches;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.Networks;

/**
 * One epoch of one incremental stage through DJL's training API: freezes everything but the
 * stage's own parameters, runs {@link EasyTrain#fit} with Adam, DJL's progress bar and logging
 * listeners, and returns the epoch's loss and training accuracy.
 */
public final class StageTrainer {

    private final TrainingSettings settings;
    private final LongSupplier nanos;

    /** @param nanos monotonic clock for the epoch's duration */
    public StageTrainer(TrainingSettings settings, LongSupplier nanos) {
        this.settings = settings;
        this.nanos = nanos;
    }

    /** Trains epoch {@code epoch} (1-based) of stage {@code stage} of the network in {@code model}. */
    public EpochReport train(Model model, String network, int stage, int epoch, ImageSet train) throws TrainingException {
        GroupNet net = Networks.net(model);
        net.prepareStage(stage);
        EpochStatistics statistics = new EpochStatistics();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate(epoch))).build())
                .addTrainingListeners(TrainingListener.Defaults.basic())
                .addTrainingListeners(new LoggingTrainingListener(), statistics);
        // A shuffle of its own for every network, stage and epoch, fixed by the seed.
        long seed = settings.seed() * 1_000_003L + (network.equals(IncrementalTraining.DENSE) ? 500_000 : 0) + stage * 1_000L + epoch;
        long start = nanos.getAsLong();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(settings.batchSize(), AlexNetSpec.CHANNELS, AlexNetSpec.SIZE, AlexNetSpec.SIZE));
            EasyTrain.fit(trainer, 1, new ImageBatches(train, settings.batchSize(), stage, seed), null);
        } catch (IOException | TranslateException e) {
            throw new TrainingException(network + " stage " + stage + " epoch " + epoch + " failed: " + e.getMessage(), e);
        }
        double seconds = (nanos.getAsLong() - start) / 1e9;
        return new EpochReport(network, stage, epoch, statistics.loss(), statistics.accuracy(), seconds);
    }
}
