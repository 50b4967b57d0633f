package org.dynnd.daemon.report;

import java.io.PrintStream;
import java.util.Locale;
import org.dynnd.models.data.ImageSet;
import org.dynnd.models.runtime.DynamicModel;

/**
 * The bundle's accuracy re-measured on the first test images, one image at a time through the
 * {@link DynamicModel} the daemon serves: a check of the manifest's figures (measured on the whole
 * test set at training), on a subset so that it takes seconds, not minutes.
 *
 * @param data the test data's name
 * @param images how many test images were classified at every k
 * @param accuracyPercent top-1 accuracy per k (index k-1) on those images
 */
public record AccuracyCheck(String data, int images, double[] accuracyPercent) {

    public AccuracyCheck {
        accuracyPercent = accuracyPercent.clone();
    }

    @Override
    public double[] accuracyPercent() {
        return accuracyPercent.clone();
    }

    /** Classifies the first {@code images} images of {@code test} at every k of {@code model}. */
    public static AccuracyCheck measure(DynamicModel model, ImageSet test, int images, PrintStream progress) {
        ImageSet subset = test.head(images);
        if (subset.count() == 0) {
            throw new IllegalArgumentException("no test images in " + test.name() + " to re-measure the accuracy on");
        }
        double[] accuracy = new double[model.groups()];
        for (int k = 1; k <= model.groups(); k++) {
            int correct = 0;
            for (int i = 0; i < subset.count(); i++) {
                if (model.classify(subset.input(i), k).index() == subset.label(i)) {
                    correct++;
                }
            }
            accuracy[k - 1] = 100.0 * correct / subset.count();
            progress.printf(Locale.ROOT, "accuracy: k=%d %.2f %% on %d test images of %s%n", k, accuracy[k - 1],
                    subset.count(), test.name());
        }
        return new AccuracyCheck(test.name(), subset.count(), accuracy);
    }
}
