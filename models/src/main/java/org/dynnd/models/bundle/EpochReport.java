package org.dynnd.models.bundle;

/**
 * What one training epoch did.
 *
 * @param network {@code grouped} or {@code dense}
 * @param stage the incremental stage (the group trained; 1 for the dense network)
 * @param epoch the epoch within the stage, 1-based
 * @param loss mean training loss over the epoch
 * @param accuracy training top-1 accuracy in percent over the epoch
 * @param seconds wall time of the epoch
 * @param validationAccuracy top-1 accuracy in percent on the held-out validation images after the
 *     epoch, at k = stage (null when none are held out)
 */
public record EpochReport(
        String network, int stage, int epoch, double loss, double accuracy, double seconds, Double validationAccuracy) {

    /** This report with the validation accuracy measured after the epoch. */
    public EpochReport withValidation(Double percent) {
        return new EpochReport(network, stage, epoch, loss, accuracy, seconds, percent);
    }

    /** One line for the console. */
    public String line(int stages, int epochs) {
        return String.format("%s stage %d/%d epoch %d/%d: loss %.4f, train accuracy %.2f%%%s, %.0f s",
                network, stage, stages, epoch, epochs, loss, accuracy,
                validationAccuracy == null ? "" : String.format(", validation %.2f%%", validationAccuracy), seconds);
    }
}
