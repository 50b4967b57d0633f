package org.dynnd.daemon.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dynnd.daemon.cli.DynndTool;
import org.dynnd.daemon.cli.UserErrorException;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.DataSource;
import org.dynnd.models.data.DatasetException;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.Scheme;
import org.dynnd.models.train.IncrementalTraining;
import org.dynnd.models.train.TrainingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dynnd train}: trains a grouped (or, for comparison, nested-width) AlexNet bundle
 * incrementally (and the dense reference),
 * with a checkpoint after every epoch so that running the same command again resumes.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a grouped AlexNet model bundle stage by stage, plus the dense reference network.",
            "--scheme nested trains the nested-width network (group g also reads groups 1..g-1) instead.",
            "A checkpoint is written after every epoch; the same command resumes an interrupted run.",
        })
public final class TrainCommand implements Callable<Integer>, DynndTool {

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "DATA",
            description = "fashion-mnist (the system folder ${sys:dynnd.fashion-mnist:-/usr/share/datasets/fashion-mnist}),"
                    + " fashion-mnist:DIR, cifar10:DIR, imagefolder:DIR (one sub-folder of PNG/JPEG files per class,"
                    + " resized to 32x32) or DIR (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--scheme", defaultValue = "grouped", paramLabel = "SCHEME",
            description = "grouped (each group reads the image only) or nested (group g also reads the earlier"
                    + " groups' outputs) (default: ${DEFAULT-VALUE})")
    String scheme;

    @Option(names = "--groups", defaultValue = "4", description = "channel groups G, 2..8 (default: ${DEFAULT-VALUE})")
    int groups;

    @Option(names = "--epochs-per-stage", defaultValue = "1", description = "epochs of each stage (default: ${DEFAULT-VALUE})")
    int epochsPerStage;

    @Option(names = "--dense-epochs", description = "epochs of the dense reference; 0 skips it (default: --epochs-per-stage)")
    Integer denseEpochs;

    @Option(names = "--train-images", defaultValue = "0",
            description = "train on the first N training images; 0 for all (default: ${DEFAULT-VALUE})")
    int trainImages;

    @Option(names = "--batch-size", defaultValue = "128", description = "images per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001",
            description = "learning rate at the start of every stage (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--decay", defaultValue = "0.3",
            description = "with --schedule step: learning-rate factor per further epoch of a stage (default: ${DEFAULT-VALUE})")
    float decay;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--schedule", defaultValue = "step",
            description = "step (times --decay per epoch) or cosine (to 0 over each stage's batches) (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    float momentum;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--validation-images", defaultValue = "0",
            description = "training images held out (seeded random choice) to report accuracy on (default: ${DEFAULT-VALUE})")
    int validationImages;

    @Option(names = "--val-split", paramLabel = "FRACTION",
            description = "hold out this fraction (0 to 1) of the training images for validation; instead of --validation-images")
    Double valSplit;

    @Option(names = "--crop-padding", defaultValue = "0",
            description = "augmentation: random crop of the image padded by this many pixels (default: ${DEFAULT-VALUE})")
    int cropPadding;

    @Option(names = "--flip", description = "augmentation: random left-right flip")
    boolean flip;

    @Option(names = "--augment-views", defaultValue = "8",
            description = "augmented views drawn per image for the whole run; each epoch shows one (default: ${DEFAULT-VALUE})")
    int augmentViews;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the bundle folder to write")
    Path out;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "checkpoint folder (default: DIR/checkpoint, removed when the bundle is complete)")
    Path checkpoints;

    @Override
    public Integer call() throws IOException {
        Scheme wiring = Arrays.stream(Scheme.values()).filter(s -> s.label().equals(scheme)).findFirst()
                .orElseThrow(() -> new UserErrorException("--scheme is " + scheme + ", expected grouped or nested"));
        if (valSplit != null && (!(valSplit >= 0) || valSplit >= 1 || validationImages != 0)) {
            throw new UserErrorException(validationImages != 0 ? "give --val-split or --validation-images, not both"
                    : "--val-split must be a fraction in [0, 1), got " + valSplit);
        }
        threadsOption.apply();
        DataSource source;
        ImageSet train;
        ImageSet test;
        try {
            source = DataSource.parse(data, ModelOptions.systemFashionMnist());
            train = source.train();
            test = source.test();
        } catch (DatasetException e) {
            throw new UserErrorException(e.getMessage(), e);
        }
        // A fraction of the images actually trained on (after --train-images).
        int used = trainImages > 0 ? Math.min(trainImages, train.count()) : train.count();
        int held = valSplit == null ? validationImages : (int) Math.round(valSplit * used);
        TrainingSettings settings;
        try {
            settings = new TrainingSettings(groups, epochsPerStage, denseEpochs == null ? epochsPerStage : denseEpochs,
                    batchSize, learningRate, decay, trainImages, seed, optimizer, schedule, momentum, weightDecay,
                    held, cropPadding, flip, augmentViews);
        } catch (IllegalArgumentException e) {
            throw new UserErrorException(e.getMessage());
        }
        boolean ownCheckpoints = checkpoints == null;
        Path checkpointFolder = ownCheckpoints ? out.resolve("checkpoint") : checkpoints;
        Manifest manifest;
        try {
            manifest = new IncrementalTraining(wiring, settings, System.out, System::nanoTime, InstantSource.system())
                    .run(source.spec(), train, test, out, checkpointFolder);
        } catch (TrainingException e) {
            throw new UserErrorException(e.getMessage(), e);
        }
        if (ownCheckpoints) {
            deleteTree(checkpointFolder);
        }
        System.out.printf("wrote %s: accuracy %s%% at k = 1..%d, dense %s%%, training %.0f s %s + %.0f s dense%n",
                out, manifest.accuracy(), manifest.groups(), manifest.denseAccuracy(),
                manifest.training().groupedSeconds(), wiring.label(), manifest.training().denseSeconds());
        return 0;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
