package org.dynnd.daemon.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.dynnd.daemon.board.PowerReadings;
import org.dynnd.daemon.service.TelemetrySample;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed loop, once per control period: what the inferences took and what the board drew
 * go to the controller, its decision becomes the plan of the next period and is put in force, and
 * the period's measurements become one telemetry sample.
 */
public final class ControlLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    private final OpSpace space;
    private final Controller controller;
    private final OperatingPointPlan plan;
    private final OperatingPointSwitch switcher;
    private final LatencyLedger ledger;
    private final PowerReadings power;
    private final Supplier<Budget> budget;
    private final LongSupplier nanoClock;
    private volatile long periodNanos;
    private volatile long lastRun;
    private volatile TelemetrySample latest;
    private long violations;
    private boolean closedLoop;

    public ControlLoop(OpSpace space, Controller controller, OperatingPointPlan plan, OperatingPointSwitch switcher,
            LatencyLedger ledger, PowerReadings power, Supplier<Budget> budget, LongSupplier nanoClock, long periodNanos) {
        this.space = space;
        this.controller = controller;
        this.plan = plan;
        this.switcher = switcher;
        this.ledger = ledger;
        this.power = power;
        this.budget = budget;
        this.nanoClock = nanoClock;
        this.periodNanos = periodNanos;
        this.lastRun = nanoClock.getAsLong();
    }

    private String lastFailure;

    @Override
    public void run() {
        try {
            period();
            lastFailure = null;
        } catch (RuntimeException e) {
            // A failed period is logged and the next one tries again; the watchdog sees the gap.
            // The same failure period after period gets its stack trace once, then one line each.
            String failure = e.toString();
            if (failure.equals(lastFailure)) {
                LOG.error("control period failed again: {}", failure);
            } else {
                LOG.error("control period failed: {}", failure, e);
            }
            lastFailure = failure;
        }
    }

    private void period() {
        long now = nanoClock.getAsLong();
        long start = lastRun;
        List<Observation.Segment> segments = ledger.drain();
        PowerReadings.Reading reading = power.over(start, now);
        Budget target = budget.get();
        int ranAt = switcher.current();
        double[] all = segments.stream().flatMapToDouble(s -> Arrays.stream(s.latenciesMs())).sorted().toArray();
        if (!Double.isNaN(target.latencyMs())) {
            for (double ms : all) {
                if (ms > target.latencyMs()) {
                    violations++;
                }
            }
        }
        Decision decision = controller.decide(new Observation((now - start) / 1e6, segments, reading.boardW(), target));
        closedLoop = logWorkload(controller.closedLoop());
        plan.set(decision);
        switcher.use(decision.primary());
        List<String> degraded = new ArrayList<>(switcher.degraded());
        if (Double.isNaN(reading.boardW())) {
            degraded.add("power sensors: no reading this period");
        }
        latest = new TelemetrySample(System.currentTimeMillis(), Points.info(space, ranAt), all.length,
                percentile(all, 0.50), percentile(all, 0.95), reading.railsW(), reading.boardW(),
                all.length == 0 ? Double.NaN : reading.boardJ() * 1000 / all.length,
                mixedAccuracy(segments, ranAt), violations, degraded);
        lastRun = now;
    }

    /** Logs when the governor's reading of the clients changes: it decides what a slower point costs. */
    private boolean logWorkload(boolean now) {
        if (now != closedLoop) {
            LOG.info(now ? "governor: the clients wait on each answer (closed loop): a slower point serves fewer inferences"
                    : "governor: the clients send at their own rate (open loop): every point must keep up with it");
        }
        return now;
    }

    /** The accuracy of the period's inferences: each point's k weighted by how many ran there. */
    private double mixedAccuracy(List<Observation.Segment> segments, int fallback) {
        Profile profile = controller.profile();
        double sum = 0;
        int count = 0;
        for (Observation.Segment s : segments) {
            sum += profile.accuracyPercent(s.op()) * s.latenciesMs().length;
            count += s.latenciesMs().length;
        }
        return count == 0 ? profile.accuracyPercent(fallback) : sum / count;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** The sample of the latest period, or null before the first. */
    TelemetrySample latest() {
        return latest;
    }

    /** A new control period (a reloaded configuration); the caller reschedules the loop. */
    void period(long nanos) {
        periodNanos = nanos;
    }

    /** Whether a period ran within the last three periods. */
    boolean healthy() {
        return nanoClock.getAsLong() - lastRun < 3 * periodNanos;
    }
}
