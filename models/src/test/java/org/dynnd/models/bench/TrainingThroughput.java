package org.dynnd.models.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dynnd.models.bundle.EpochReport;
import org.dynnd.models.bundle.TrainingSettings;
import org.dynnd.models.data.FashionMnist;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.net.AlexNetSpec;
import org.dynnd.models.net.GroupedAlexNet;
import org.dynnd.models.net.Networks;
import org.dynnd.models.net.Scheme;
import org.dynnd.models.runtime.DynamicModel;
import org.dynnd.models.train.FrozenLogits;
import org.dynnd.models.train.StageTrainer;

/**
 * Training throughput of dynnd's trainer: images per second of every incremental stage of the
 * grouped network (and of the dense reference), each the median over {@code --runs} short epochs
 * of {@code --images} Fashion-MNIST training images after one warm-up epoch. Every epoch goes
 * through {@link StageTrainer} as {@code dynnd train} runs it: SGD with momentum and weight
 * decay, stage k on the frozen groups' logits ({@link FrozenLogits}, built beforehand and timed
 * apart: forward passes only, once per view for the whole stage). No augmentation, so the work
 * is exactly what {@code models/tools/torch_train_bench.py} does in PyTorch;
 * {@code models/tools/train_bench.sh} runs both.
 *
 * <p>Arguments: {@code [--data DIR] [--images N] [--runs R] [--batch B] [--threads T] [--groups G] [--dense]}.
 * Prints one line per stage: {@code stage k: M images/s (runs: ...)}.
 */
public final class TrainingThroughput {

    private TrainingThroughput() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        int images = 1280;
        int runs = 3;
        int batch = 128;
        int threads = 1;
        int groups = 4;
        boolean dense = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--groups" -> groups = Integer.parseInt(args[++i]);
                case "--dense" -> dense = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; allowed: --data DIR --images N --runs R --batch B --threads T --groups G --dense");
            }
        }
        DynamicModel.setIntraOpThreads(threads);
        Engine.getEngine(Networks.ENGINE).setRandomSeed(1);
        ImageSet train = new FashionMnist(data).train().head(images);
        TrainingSettings settings = new TrainingSettings(groups, 1, 1, batch, 0.05f, 1f, 0, 1, "sgd", "step", 0.9f,
                5e-4f, 0, 0, false, 1);
        StageTrainer trainer = new StageTrainer(settings, System::nanoTime);
        System.out.printf("dynnd trainer: %d images per run, batch %d, %d intra-op thread(s), median of %d runs%n",
                images, batch, threads, runs);
        try (Model model = Networks.create("bench", Scheme.GROUPED, new AlexNetSpec(groups, 10))) {
            FrozenLogits frozen = new FrozenLogits(train, trainer.augmentation(), 10);
            for (int stage = 1; stage <= groups; stage++) {
                if (stage > 1) {
                    long start = System.nanoTime();
                    frozen.extendTo((GroupedAlexNet) Networks.net(model), model.getNDManager(), stage);
                    System.out.printf("frozen logits of group %d: %.1f images/s (forward only, once per stage)%n",
                            stage - 1, train.count() / ((System.nanoTime() - start) / 1e9));
                }
                report("stage " + stage, model, "grouped", stage, trainer, train, runs, frozen);
                if (stage > 1) { // what every batch cost before the cache: groups 1..k all run
                    report("stage " + stage + " running all groups", model, "grouped", stage, trainer, train, runs, null);
                }
            }
        }
        if (dense) {
            try (Model model = Networks.create("bench-dense", Scheme.GROUPED, new AlexNetSpec(1, 10))) {
                report("dense", model, "dense", 1, trainer, train, runs, null);
            }
        }
    }

    private static void report(String label, Model model, String network, int stage, StageTrainer trainer,
            ImageSet train, int runs, FrozenLogits frozen) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            EpochReport epoch = trainer.train(model, network, stage, 1, train, frozen);
            if (run > 0) { // the first is the warm-up
                rates.add(train.count() / epoch.seconds());
            }
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf("%s: %.1f images/s (runs: %s)%n", label, median,
                Arrays.toString(rates.stream().mapToLong(Math::round).toArray()));
    }
}
