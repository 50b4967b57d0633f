package org.dynnd.models.eval;

/**
 * The measured quality and speed of a bundle at one width.
 *
 * @param k the number of groups
 * @param accuracy top-1 accuracy in percent measured now on the given test images
 * @param manifestAccuracy the accuracy the manifest records
 * @param meanLatencyMs mean latency of one single-image inference through {@code DynamicModel}
 * @param medianLatencyMs median of the same latencies
 * @param parameterBytes parameter bytes read at this width
 */
public record WidthReport(int k, double accuracy, double manifestAccuracy, double meanLatencyMs, double medianLatencyMs,
        long parameterBytes) {}
