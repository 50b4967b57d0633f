package org.dynnd.models.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.bundle.ModelBundle;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.runtime.DynamicModel;
import org.dynnd.models.train.Evaluation;

/**
 * Measures a bundle at every width: accuracy on the whole test set (batched), and the latency
 * of single-image inferences through the same {@link DynamicModel} the daemon uses.
 */
public final class BundleEvaluation {

    private static final int WARM_UP = 20;

    private final LongSupplier nanos;

    /** @param nanos monotonic clock for the latencies */
    public BundleEvaluation(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /**
     * Evaluates the bundle in {@code folder} on {@code test}, timing {@code latencyImages}
     * single inferences per width with {@code threads} intra-op threads (0: PyTorch's default).
     */
    public List<WidthReport> evaluate(Path folder, ImageSet test, int latencyImages, int threads) throws BundleException {
        if (test.classNames().size() != ModelBundle.manifest(folder).classNames().size()) {
            throw new BundleException(folder + ": the model has " + ModelBundle.manifest(folder).classNames().size()
                    + " classes but the test data " + test.name() + " has " + test.classNames().size());
        }
        List<Double> accuracies = new ArrayList<>();
        try (ModelBundle.Opened opened = ModelBundle.open(folder)) {
            for (int k = 1; k <= opened.manifest().groups(); k++) {
                accuracies.add(Evaluation.accuracy(opened.net(), opened.model().getNDManager(), test, k));
            }
        }
        List<WidthReport> reports = new ArrayList<>();
        try (DynamicModel model = DynamicModel.open(folder)) {
            model.setThreads(threads);
            int samples = Math.min(latencyImages, test.count());
            // The first inferences of a fresh engine are slow at every width: warm all of them up.
            for (int k = 1; k <= model.groups(); k++) {
                for (int i = 0; i < Math.min(samples, WARM_UP); i++) {
                    model.classify(test.input(i), k);
                }
            }
            for (int k = 1; k <= model.groups(); k++) {
                double[] ms = new double[samples];
                for (int i = 0; i < samples; i++) {
                    float[] input = test.input(i);
                    long start = nanos.getAsLong();
                    model.classify(input, k);
                    ms[i] = (nanos.getAsLong() - start) / 1e6;
                }
                Arrays.sort(ms);
                double mean = samples == 0 ? Double.NaN : Arrays.stream(ms).average().orElseThrow();
                double median = samples == 0 ? Double.NaN : ms[samples / 2];
                reports.add(new WidthReport(k, accuracies.get(k - 1), model.accuracy(k), mean, median, model.parameterBytes(k)));
            }
        }
        return reports;
    }
}
