package org.dynnd.sensors.meter;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sampling round: reads every sensor that is due and hands each sampled rail's reading to the
 * {@link RailRecorder}. Allocates nothing (one {@link Readings} per sensor is reused) and never
 * lets a sensor's failure out: a sensor that throws gives {@link Status#INTERNAL_ERROR} on its
 * rails and is read again next round.
 */
final class SamplingRound {
    // The meter's log, whichever of its parts writes: operators look for one name.
    private static final Logger LOG = LoggerFactory.getLogger(EnergyMeter.class);

    private final PowerSensor[] sensors;
    private final Readings[] readings;
    private final int[][] ringOf; // sensor, rail index -> ring, or -1 when not sampled
    private final long[] nextDue;
    private final boolean[] threw; // whether the sensor threw last time, to log once per episode
    private final RailRecorder recorder;
    private final long halfPeriod;
    private final LongSupplier clock;
    private volatile long rounds;

    /**
     * Keeps the sensors that have at least one sampled rail.
     *
     * @param ringByRail the ring index of each sampled rail id
     */
    SamplingRound(List<PowerSensor> all, Map<String, Integer> ringByRail, RailRecorder recorder, long periodNanos,
            LongSupplier clock) {
        List<PowerSensor> used = all.stream()
                .filter(s -> s.rails().stream().anyMatch(r -> ringByRail.containsKey(r.id()))).toList();
        this.sensors = used.toArray(new PowerSensor[0]);
        this.ringOf = new int[sensors.length][];
        this.readings = new Readings[sensors.length];
        for (int s = 0; s < sensors.length; s++) {
            List<Rail> rails = sensors[s].rails();
            ringOf[s] = rails.stream().mapToInt(r -> ringByRail.getOrDefault(r.id(), -1)).toArray();
            readings[s] = new Readings(rails.size());
        }
        this.nextDue = new long[sensors.length];
        this.threw = new boolean[sensors.length];
        this.recorder = recorder;
        this.halfPeriod = periodNanos / 2;
        this.clock = clock;
    }

    /** How many rounds have run. */
    long rounds() {
        return rounds;
    }

    /**
     * Reads every sensor whose own refresh interval (less half a period of slack, so scheduling
     * jitter does not skip a whole period) has passed since its last read; the first round reads
     * them all.
     */
    void run() {
        for (int s = 0; s < sensors.length; s++) {
            long now = clock.getAsLong();
            if (rounds > 0 && now - nextDue[s] < 0) {
                continue;
            }
            nextDue[s] = now + sensors[s].refreshIntervalNanos() - halfPeriod;
            Readings out = readings[s];
            try {
                sensors[s].read(out);
                threw[s] = false;
            } catch (VirtualMachineError e) {
                if (!(e instanceof StackOverflowError)) {
                    throw e; // out of memory: the loop logs it and carries on next period
                }
                contain(s, out, e);
            } catch (Exception | Error e) {
                // An Error too: a JNA LinkageError or an assertion in one sensor must not end sampling.
                contain(s, out, e);
            }
            int[] map = ringOf[s];
            for (int r = 0; r < map.length; r++) {
                if (map[r] >= 0) {
                    recorder.record(map[r], now, out.value(r), out.status(r));
                }
            }
        }
        rounds++;
    }

    private void contain(int sensor, Readings out, Throwable e) {
        for (int r = 0; r < out.size(); r++) {
            out.fail(r, Status.INTERNAL_ERROR);
        }
        if (!threw[sensor]) {
            LOG.warn("sensor {} threw while reading; its rails are marked invalid until it reads again",
                    sensors[sensor].id(), e);
        }
        threw[sensor] = true;
    }
}
