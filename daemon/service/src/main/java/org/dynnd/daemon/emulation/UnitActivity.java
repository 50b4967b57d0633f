package org.dynnd.daemon.emulation;

import java.util.function.LongSupplier;

/**
 * How busy each emulated compute unit was: inference threads mark the start and end of each
 * inference, and the emulated board asks, once per tick, what share of the elapsed time each unit
 * ran. One short lock per call: inferences last milliseconds, so contention does not matter.
 */
public final class UnitActivity {

    private final LongSupplier nanoClock;
    private final long[] busyNanos;
    private final long[] runningSince;
    private final int[] running;
    private long lastTick;

    public UnitActivity(int units, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.busyNanos = new long[units];
        this.runningSince = new long[units];
        this.running = new int[units];
        this.lastTick = nanoClock.getAsLong();
    }

    /** An inference starts on {@code unit}. */
    public synchronized void begin(int unit) {
        if (running[unit]++ == 0) {
            runningSince[unit] = nanoClock.getAsLong();
        }
    }

    /** An inference on {@code unit} ended. */
    public synchronized void end(int unit) {
        if (running[unit] > 0 && --running[unit] == 0) {
            busyNanos[unit] += nanoClock.getAsLong() - runningSince[unit];
        }
    }

    /** The share of time (0..1) each unit ran inference since the previous call, counting what runs now. */
    public synchronized double[] utilizationSinceLastTick() {
        long now = nanoClock.getAsLong();
        long elapsed = Math.max(1, now - lastTick);
        double[] share = new double[busyNanos.length];
        for (int u = 0; u < share.length; u++) {
            long busy = busyNanos[u];
            if (running[u] > 0) {
                busy += now - runningSince[u];
                runningSince[u] = now;
            }
            share[u] = Math.min(1.0, busy / (double) elapsed);
            busyNanos[u] = 0;
        }
        lastTick = now;
        return share;
    }
}
