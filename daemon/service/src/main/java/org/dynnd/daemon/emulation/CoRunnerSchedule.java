package org.dynnd.daemon.emulation;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Interference on an emulated board's compute units, on a timetable: while a co-runner's window
 * is open, inference on its unit is slowed by its factor and the unit carries its load. Time zero
 * is set by {@link #start()} (when the daemon is ready); before that no co-runner runs.
 */
public final class CoRunnerSchedule {

    /**
     * One co-runner.
     *
     * @param unit the index of the unit in the board model
     * @param startNanos when it starts, after time zero
     * @param durationNanos how long it runs
     * @param slowdown the factor on the latency of inference on the unit (at least 1)
     * @param load the share of the unit's time it keeps busy (0..1)
     */
    public record CoRunner(int unit, long startNanos, long durationNanos, double slowdown, double load) {
        boolean runsAt(long sinceZero) {
            return sinceZero >= startNanos && sinceZero < startNanos + durationNanos;
        }
    }

    private final List<CoRunner> runners;
    private final LongSupplier nanoClock;
    private volatile long zeroNanos;
    private volatile boolean started;

    public CoRunnerSchedule(List<CoRunner> runners, LongSupplier nanoClock) {
        this.runners = List.copyOf(runners);
        this.nanoClock = nanoClock;
    }

    /** Sets time zero to now; the first call counts. */
    public synchronized void start() {
        if (!started) {
            zeroNanos = nanoClock.getAsLong();
            started = true;
        }
    }

    /** The factor on the latency of inference on {@code unit} now: 1 when no co-runner runs there. */
    public double slowdown(int unit) {
        CoRunner runner = runnerOn(unit);
        return runner == null ? 1.0 : runner.slowdown();
    }

    /** The share of {@code unit}'s time a co-runner keeps busy now. */
    public double load(int unit) {
        CoRunner runner = runnerOn(unit);
        return runner == null ? 0.0 : runner.load();
    }

    /** Whether a co-runner runs on {@code unit} now. */
    public boolean running(int unit) {
        return runnerOn(unit) != null;
    }

    public List<CoRunner> runners() {
        return runners;
    }

    private CoRunner runnerOn(int unit) {
        if (!started) {
            return null;
        }
        long since = nanoClock.getAsLong() - zeroNanos;
        for (CoRunner runner : runners) {
            if (runner.unit() == unit && runner.runsAt(since)) {
                return runner;
            }
        }
        return null;
    }
}
