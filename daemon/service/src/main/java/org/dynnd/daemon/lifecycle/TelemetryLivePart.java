package org.dynnd.daemon.lifecycle;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.reload.ConfigDiff;
import org.dynnd.daemon.reload.LivePart;
import org.dynnd.daemon.telemetry.PrometheusTextFile;
import org.dynnd.daemon.telemetry.TelemetryLoop;
import org.dynnd.daemon.telemetry.TelemetryRing;

/**
 * Telemetry's side of a reload: the Prometheus file (another path, or none), the history kept for
 * {@code status} (the ring is resized, keeping the newest samples), and one sample per new control
 * period.
 */
final class TelemetryLivePart implements LivePart {

    private final TelemetryLoop telemetry;
    private final TelemetryRing ring;
    private final ScheduledExecutorService scheduler;

    TelemetryLivePart(TelemetryLoop telemetry, TelemetryRing ring, ScheduledExecutorService scheduler) {
        this.telemetry = telemetry;
        this.ring = ring;
        this.scheduler = scheduler;
    }

    @Override
    public String name() {
        return "telemetry";
    }

    @Override
    public Set<String> keys() {
        return Set.of("telemetry.keep_s", "telemetry.prometheus_file", "governor.period_ms");
    }

    @Override
    public Commit prepare(DynndConfig next, ConfigDiff diff) {
        String file = next.telemetry().prometheusFile();
        Optional<PrometheusTextFile> prometheus = file.isEmpty() ? Optional.empty()
                : Optional.of(new PrometheusTextFile(Path.of(file)));
        long period = next.governor().periodMs();
        int capacity = TelemetryRing.capacityFor(next.telemetry().keepS(), period);
        boolean newPeriod = diff.changed("governor.period_ms");
        boolean newFile = diff.changed("telemetry.prometheus_file");
        return () -> {
            if (newFile) {
                telemetry.prometheus(prometheus);
            }
            if (capacity != ring.capacity()) {
                ring.resize(capacity);
            }
            if (newPeriod) {
                // The control loop was rescheduled a moment ago with the same period: ticking half
                // a period after it, each tick takes the sample of the period just ended, never
                // one twice or one too late as a tick racing the loop would.
                telemetry.reschedule(scheduler, period, period + period / 2);
            }
        };
    }
}
