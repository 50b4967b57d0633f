package org.dynnd.models.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.dynnd.models.bundle.EpochReport;
import org.dynnd.models.bundle.Manifest;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.ImageBatches;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupNet;
import org.dynnd.models.net.GroupedAlexNet;
import org.dynnd.models.net.Networks;
import org.dynnd.models.net.Scheme;

/**
 * Trains a model bundle: the grouped or nested network stage by stage (stage g trains group g,
 * W_g and b_g while everything of groups below g stays frozen), then the dense reference network, then
 * measures the test accuracy at every k and writes the bundle. Every epoch runs through DJL's
 * {@code Trainer} with a progress bar and ends with a checkpoint (parameters and
 * {@link TrainingState}) in the checkpoint folder; a run started again with the same settings
 * continues after the last completed epoch. Each epoch gets a fresh optimizer, so a resumed run
 * computes exactly what the uninterrupted one would have.
 */
public final class IncrementalTraining {

    /** Network name of the dense reference network. */
    public static final String DENSE = TrainingSettings.DENSE;

    private final Scheme scheme;
    private final TrainingSettings settings;
    private final PrintStream console;
    private final LongSupplier nanos;
    private final InstantSource clock;
    private final StageTrainer stages;

    /** Incremental training of the grouped network ({@link Scheme#GROUPED}). */
    public IncrementalTraining(TrainingSettings settings, PrintStream console, LongSupplier nanos, InstantSource clock) {
        this(Scheme.GROUPED, settings, console, nanos, clock);
    }

    /**
     * @param scheme how the groups of the network are wired; its label names the network in
     *     reports and checkpoints, so the checkpoints of two schemes never mix
     * @param settings what to train
     * @param console where per-epoch lines go (DJL's progress bar writes to standard output)
     * @param nanos monotonic clock for durations
     * @param clock wall clock for the manifest's finishing time
     */
    public IncrementalTraining(
            Scheme scheme, TrainingSettings settings, PrintStream console, LongSupplier nanos, InstantSource clock) {
        this.scheme = scheme;
        this.settings = settings;
        this.console = console;
        this.nanos = nanos;
        this.clock = clock;
        this.stages = new StageTrainer(settings, nanos);
    }

    /**
     * Trains (or resumes) and writes the bundle to {@code out}; checkpoints live in
     * {@code checkpoints}. Returns the manifest written.
     */
    public Manifest run(String dataName, ImageSet train, ImageSet test, Path out, Path checkpoints)
            throws IOException, TrainingException {
        ImageSet used = settings.trainImages() > 0 ? train.head(settings.trainImages()) : train;
        if (settings.validationImages() >= used.count()) {
            throw new TrainingException("cannot hold out " + settings.validationImages() + " validation images of "
                    + used.count() + " training images");
        }
        // Which images are held out for validation: a shuffle of their own, apart from the epochs'.
        int[] order = ImageBatches.permutation(used.count(), new Random(settings.seed() ^ 0x5DEECE66DL));
        ImageSet validation = settings.validationImages() == 0 ? null
                : used.subset(Arrays.copyOfRange(order, 0, settings.validationImages()));
        ImageSet fit = validation == null ? used : used.subset(Arrays.copyOfRange(order, settings.validationImages(), order.length));
        Files.createDirectories(checkpoints);
        Path stateFile = checkpoints.resolve("state.json");
        TrainingState state = new TrainingState(settings, dataName, List.of());
        if (Files.exists(stateFile)) {
            TrainingState saved = TrainingState.read(stateFile);
            if (!saved.settings().equals(settings) || !saved.data().equals(dataName)) {
                throw new TrainingException(stateFile + ": the checkpoint was made with " + saved.settings() + " on "
                        + saved.data() + ", not " + settings + " on " + dataName
                        + "; use the same options to resume, or another checkpoint folder");
            }
            state = saved;
            console.printf("resuming from %s: %d epochs already done%n", checkpoints, state.epochs().size());
        }
        Engine.getEngine(Networks.ENGINE).setRandomSeed((int) settings.seed());
        int classes = used.classNames().size();
        AlexNetSpec spec = new AlexNetSpec(settings.groups(), classes);
        String network = scheme.label();
        List<Double> accuracy = new ArrayList<>();
        List<Double> validated = validation == null ? null : new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        Double dense = null;
        Double denseValidated = null;
        Manifest manifest;
        try (Model incremental = model(network, scheme, spec, checkpoints)) {
            GroupNet net = Networks.net(incremental);
            // Only the grouped scheme's groups read the image alone, so only theirs can be cached.
            GroupedAlexNet grouped = net instanceof GroupedAlexNet g ? g : null;
            FrozenLogits frozen = grouped != null ? new FrozenLogits(fit, stages.augmentation(), classes) : null;
            for (int stage = 1; stage <= settings.groups(); stage++) {
                if (frozen != null && stage > 1 && !state.done(network, stage, settings.epochsPerStage())) {
                    long start = nanos.getAsLong();
                    int before = frozen.groups();
                    frozen.extendTo(grouped, incremental.getNDManager(), stage);
                    console.printf("stage %d: logits of frozen groups %d..%d for %d views of %d images in %.0f s%n",
                            stage, before + 1, stage - 1, settings.views(), fit.count(), (nanos.getAsLong() - start) / 1e9);
                }
                state = trainStage(incremental, network, stage, settings.epochsPerStage(), fit, validation, frozen, state,
                        checkpoints);
            }
            if (settings.denseEpochs() > 0) {
                try (Model denseModel = model(DENSE, Scheme.GROUPED, new AlexNetSpec(1, classes), checkpoints)) {
                    state = trainStage(denseModel, DENSE, 1, settings.denseEpochs(), fit, validation, null, state,
                            checkpoints);
                    GroupNet denseNet = Networks.net(denseModel);
                    dense = Evaluation.accuracy(denseNet, denseModel.getNDManager(), test, 1);
                    if (validation != null) {
                        denseValidated = Evaluation.accuracy(denseNet, denseModel.getNDManager(), validation, 1);
                    }
                    console.printf("dense reference: test accuracy %.2f%%%n", dense);
                }
            }
            for (int k = 1; k <= settings.groups(); k++) {
                accuracy.add(Evaluation.accuracy(net, incremental.getNDManager(), test, k));
                if (validated != null) {
                    validated.add(Evaluation.accuracy(net, incremental.getNDManager(), validation, k));
                }
                bytes.add(net.parameterBytes(k));
                console.printf("k = %d: test accuracy %.2f%%%s, %d parameter bytes%n", k, accuracy.get(k - 1),
                        validated == null ? "" : String.format(" (validation %.2f%%)", validated.get(k - 1)),
                        bytes.get(k - 1));
            }
            Manifest.Training training = new Manifest.Training(settings, state.seconds(network), state.seconds(DENSE),
                    clock.instant().toString(), Networks.ENGINE + " " + Engine.getEngine(Networks.ENGINE).getVersion(),
                    state.epochs());
            manifest = ModelBundle.write(out, net, new Manifest(Manifest.FORMAT_VERSION, scheme.architecture(),
                    settings.groups(), List.of(AlexNetSpec.CHANNELS, AlexNetSpec.SIZE, AlexNetSpec.SIZE),
                    used.classNames(), new Manifest.Dataset(dataName, fit.count(), test.count(),
                            validation == null ? null : validation.count()),
                    accuracy, dense, bytes, null, null, training, validated, denseValidated, null));
        }
        return manifest;
    }

    private static Model model(String name, Scheme scheme, AlexNetSpec spec, Path checkpoints)
            throws IOException, TrainingException {
        Path file = checkpoints.resolve(name + ".params");
        if (!Files.exists(file)) {
            return Networks.create(name, scheme, spec);
        }
        try {
            return Networks.load(name, scheme, spec, file);
        } catch (MalformedModelException | RuntimeException e) {
            throw new TrainingException(file + ": checkpoint does not fit a " + scheme.label() + " network of " + spec
                    + ": " + e.getMessage(), e);
        }
    }

    private TrainingState trainStage(Model model, String network, int stage, int epochs, ImageSet train,
            ImageSet validation, FrozenLogits frozen, TrainingState state, Path checkpoints)
            throws IOException, TrainingException {
        GroupNet net = Networks.net(model);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (state.done(network, stage, epoch)) {
                continue;
            }
            EpochReport report = stages.train(model, network, stage, epoch, train, frozen);
            if (validation != null) {
                report = report.withValidation(Evaluation.accuracy(net, model.getNDManager(), validation, stage));
            }
            Networks.save(net, checkpoints.resolve(network + ".params"));
            state = state.with(report);
            state.write(checkpoints.resolve("state.json"));
            console.println(report.line(net.spec().groups(), epochs));
        }
        return state;
    }
}
