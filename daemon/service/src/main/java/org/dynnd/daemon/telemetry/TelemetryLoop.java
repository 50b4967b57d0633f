package org.dynnd.daemon.telemetry;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.service.GovernorPort;
import org.dynnd.daemon.service.TelemetrySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once per control period: takes the governor's sample, keeps it in the ring, hands it to the
 * listeners (the subscribers' broadcaster) and rewrites the Prometheus file. A failure of one
 * step is logged and does not stop the others or the next period.
 */
public final class TelemetryLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLoop.class);

    private final GovernorPort governor;
    private final TelemetryRing ring;
    private volatile Optional<PrometheusTextFile> prometheus;
    private final Supplier<ClientBudget> effectiveBudget;
    private final List<Consumer<TelemetrySample>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> task;
    private boolean fileErrorLogged;

    /**
     * @param prometheus where to write the textfile, or empty to write none
     * @param effectiveBudget the budget in force, for the budget gauges
     */
    public TelemetryLoop(GovernorPort governor, TelemetryRing ring, Optional<PrometheusTextFile> prometheus,
            Supplier<ClientBudget> effectiveBudget) {
        this.governor = governor;
        this.ring = ring;
        this.prometheus = prometheus;
        this.effectiveBudget = effectiveBudget;
    }

    /** Adds a listener called with every new sample on the telemetry thread; it must not block. */
    public void addListener(Consumer<TelemetrySample> listener) {
        listeners.add(listener);
    }

    /** The ring the samples are kept in. */
    public TelemetryRing ring() {
        return ring;
    }

    /** Runs {@link #tick} every {@code periodMillis} on {@code scheduler}. */
    public synchronized void start(ScheduledExecutorService scheduler, long periodMillis) {
        task = scheduler.scheduleAtFixedRate(this::tickSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@link #tick} every {@code periodMillis} instead (a reloaded control period), the first
     * time after {@code delayMillis}.
     */
    public synchronized void reschedule(ScheduledExecutorService scheduler, long periodMillis, long delayMillis) {
        if (task != null) {
            task.cancel(false);
        }
        task = scheduler.scheduleAtFixedRate(this::tickSafely, delayMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Writes the Prometheus file to another place, or no longer (empty), from the next period on. */
    public synchronized void prometheus(Optional<PrometheusTextFile> file) {
        prometheus = file;
        fileErrorLogged = false;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A failed period must not cancel the schedule (a thrown exception would).
            LOG.error("telemetry period failed", e);
        }
    }

    /** One period's work. */
    public void tick() {
        TelemetrySample sample = governor.sample();
        ring.add(sample);
        for (Consumer<TelemetrySample> listener : listeners) {
            listener.accept(sample);
        }
        Optional<PrometheusTextFile> file = prometheus;
        if (file.isPresent()) {
            try {
                file.get().write(sample, effectiveBudget.get());
                fileErrorLogged = false;
            } catch (IOException e) {
                if (!fileErrorLogged) { // once per outage, not once per period
                    LOG.warn("cannot write the Prometheus file {}: {}", file.get().target(), e.toString());
                    fileErrorLogged = true;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
