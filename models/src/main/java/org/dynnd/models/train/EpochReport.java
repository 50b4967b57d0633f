package org.dynnd.models.train;

/**
 * What one training epoch did.
 *
 * @param network {@code grouped} or {@code dense}
 * @param stage the incremental stage (the group trained; 1 for the dense network)
 * @param epoch the epoch within the stage, 1-based
 * @param loss mean training loss over the epoch
 * @param accuracy training top-1 accuracy in percent over the epoch
 * @param seconds wall time of the epoch
 */
public record EpochReport(String network, int stage, int epoch, double loss, double accuracy, double seconds) {

    /** One line for the console. */
    public String line(int stages, int epochs) {
        return String.format("%s stage %d/%d epoch %d/%d: loss %.4f, train accuracy %.2f%%, %.0f s",
                network, stage, stages, epoch, epochs, loss, accuracy, seconds);
    }
}
