package org.dynnd.daemon.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dynnd.daemon.service.TelemetrySample;

/**
 * The last {@code capacity} samples, oldest overwritten first, so memory stays fixed however
 * long the daemon runs. Thread-safe: the telemetry thread adds, event loops read.
 */
public final class TelemetryRing {

    private TelemetrySample[] slots;
    private int next;
    private int size;

    public TelemetryRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("telemetry ring capacity must be at least 1, got " + capacity);
        }
        slots = new TelemetrySample[capacity];
    }

    /** A ring that keeps {@code seconds} of history at one sample per {@code periodMillis}. */
    public static TelemetryRing forHistory(long seconds, long periodMillis) {
        return new TelemetryRing(capacityFor(seconds, periodMillis));
    }

    /** How many samples {@code seconds} of history at one per {@code periodMillis} are (at most a million). */
    public static int capacityFor(long seconds, long periodMillis) {
        if (seconds < 1 || periodMillis < 1) {
            throw new IllegalArgumentException("history and period must be positive");
        }
        return (int) Math.max(1, Math.min(1_000_000, seconds * 1000 / periodMillis));
    }

    /** Holds {@code capacity} samples from now on, keeping the newest of those it has. */
    public synchronized void resize(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("telemetry ring capacity must be at least 1, got " + capacity);
        }
        List<TelemetrySample> kept = snapshot();
        slots = new TelemetrySample[capacity];
        next = 0;
        size = 0;
        for (TelemetrySample sample : kept.subList(Math.max(0, kept.size() - capacity), kept.size())) {
            add(sample);
        }
    }

    /** Appends {@code sample}, dropping the oldest one when full. */
    public synchronized void add(TelemetrySample sample) {
        slots[next] = sample;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    /** The newest sample, if any. */
    public synchronized Optional<TelemetrySample> latest() {
        return size == 0 ? Optional.empty() : Optional.of(slots[(next - 1 + slots.length) % slots.length]);
    }

    /** Every kept sample, oldest first. */
    public synchronized List<TelemetrySample> snapshot() {
        List<TelemetrySample> out = new ArrayList<>(size);
        int start = (next - size + slots.length) % slots.length;
        for (int i = 0; i < size; i++) {
            out.add(slots[(start + i) % slots.length]);
        }
        return out;
    }

    /** How many samples the ring holds now. */
    public synchronized int size() {
        return size;
    }

    /** How many samples the ring can hold. */
    public synchronized int capacity() {
        return slots.length;
    }
}
