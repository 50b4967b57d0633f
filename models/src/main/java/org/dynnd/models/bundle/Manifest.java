package org.dynnd.models.bundle;

import java.util.List;

/**
 * {@code manifest.json} of a model bundle: what the parameter file holds, how it was made and
 * how well it does at every width. Loading checks it against the parameters.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param architecture how the groups are wired: {@link org.dynnd.models.net.Scheme#architecture()} of one scheme
 * @param groups number of channel groups G
 * @param inputShape channels, height, width of one input image
 * @param classNames the class of every output index
 * @param dataset the data the bundle was trained and tested on
 * @param accuracy top-1 test accuracy in percent with k = 1..G groups (index k-1)
 * @param denseAccuracy top-1 test accuracy of the dense reference network, or null if not trained
 * @param parameterBytes bytes of stored values that inference with k = 1..G groups reads (index k-1)
 * @param parametersFile the parameter file's name inside the bundle
 * @param parametersSha256 SHA-256 of the parameter file, lower-case hex
 * @param training how and how long the bundle was trained
 * @param validationAccuracy top-1 accuracy in percent on the held-out validation images with
 *     k = 1..G groups, or null when none were held out (and in bundles older than validation)
 * @param denseValidationAccuracy the dense reference's validation accuracy, or null
 * @param macs multiply-accumulates of one inference with k = 1..G groups (index k-1), from the
 *     network's own spec and scheme ({@link org.dynnd.models.net.GroupNet#macs}); what the governor
 *     scales a board's latency by. Filled in from the parameters when a bundle older than it is opened.
 */
public record Manifest(
        int formatVersion,
        String architecture,
        int groups,
        List<Integer> inputShape,
        List<String> classNames,
        Dataset dataset,
        List<Double> accuracy,
        Double denseAccuracy,
        List<Long> parameterBytes,
        String parametersFile,
        String parametersSha256,
        Training training,
        List<Double> validationAccuracy,
        Double denseValidationAccuracy,
        List<Long> macs) {

    /** The bundle format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * @param source the data set as given to the trainer
     * @param trainImages training images used
     * @param testImages test images the accuracies were measured on
     * @param validationImages training images held out for validation (not trained on; null in
     *     bundles older than validation)
     */
    public record Dataset(String source, int trainImages, int testImages, Integer validationImages) {

        /** A data set without a validation split. */
        public Dataset(String source, int trainImages, int testImages) {
            this(source, trainImages, testImages, null);
        }
    }

    /**
     * @param settings the training settings
     * @param groupedSeconds wall time of the incremental training of all stages (of the grouped or
     *     nested network, as the architecture says; the name predates the nested scheme)
     * @param denseSeconds wall time of training the dense reference
     * @param finishedAt when training ended (ISO-8601)
     * @param engine the engine and its version
     * @param epochs loss and training accuracy of every epoch
     */
    public record Training(
            TrainingSettings settings, double groupedSeconds, double denseSeconds, String finishedAt, String engine,
            List<EpochReport> epochs) {}

    /** This manifest with the parameter file's name and digest filled in. */
    public Manifest withParameters(String file, String sha256) {
        return new Manifest(formatVersion, architecture, groups, inputShape, classNames, dataset, accuracy,
                denseAccuracy, parameterBytes, file, sha256, training, validationAccuracy, denseValidationAccuracy, macs);
    }

    /** This manifest with the cost of every k filled in. */
    public Manifest withMacs(List<Long> macsPerK) {
        return new Manifest(formatVersion, architecture, groups, inputShape, classNames, dataset, accuracy,
                denseAccuracy, parameterBytes, parametersFile, parametersSha256, training, validationAccuracy,
                denseValidationAccuracy, List.copyOf(macsPerK));
    }

    /** The test accuracy in percent with {@code k} groups. */
    public double accuracy(int k) {
        return accuracy.get(k - 1);
    }
}
