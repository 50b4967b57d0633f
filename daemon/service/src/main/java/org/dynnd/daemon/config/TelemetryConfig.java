package org.dynnd.daemon.config;

/**
 * What is kept of the control loop's samples and where they are published.
 *
 * @param keepS seconds of samples kept in memory for {@code status}
 * @param prometheusFile file written for node_exporter's textfile collector, or empty for none
 */
public record TelemetryConfig(Integer keepS, String prometheusFile) {

    public TelemetryConfig {
        keepS = Check.range("keep_s", keepS, 600, 1, 86_400);
        prometheusFile = prometheusFile == null || prometheusFile.isEmpty()
                ? ""
                : Check.absolutePathOrAuto("prometheus_file", prometheusFile, "", false);
    }

    public static TelemetryConfig defaults() {
        return new TelemetryConfig(null, null);
    }
}
