package org.dynnd.sensors.meter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the configured rails and integrates their energy.
 *
 * <p>{@link #sampleOnce()} reads every sensor whose refresh interval has passed and appends one
 * sample per rail to that rail's ring; {@link #start} runs it on a thread every period. Sampling
 * allocates nothing beyond what reading a file costs, and never throws: a sensor that fails (or
 * even throws) gives faulty samples with their reason, and is read again next round.
 *
 * <p>Queries take times of the injected monotonic clock ({@link #now()}), and are safe from any
 * thread while sampling goes on.
 */
public final class EnergyMeter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnergyMeter.class);

    private final PowerSensor[] sensors;
    private final Readings[] readings;
    private final int[][] ringOf; // sensor, rail index -> ring, or -1 when not sampled
    private final long[] nextDue;
    private final boolean[] threw; // whether the sensor threw last time, to log once per episode
    private final RailRing[] rings;
    private final Rail[] railOfRing;
    private final Status[] lastStatus;
    private final boolean[] counter;
    private final double[] counterValue; // last value of a counter rail, NaN before the first
    private final long[] counterNanos;
    private final Map<String, Integer> ringByRail;
    private final MeterConfig config;
    private final LongSupplier clock;
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private volatile long rounds;
    private Thread thread;

    /**
     * @param sensors the sensors to read, from discovery or raw I2C
     * @param config which rails, how often, how the board is divided
     * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
     * @throws IllegalArgumentException when the configuration names rails that are not there, or two
     *     sensors report the same rail id
     */
    public EnergyMeter(List<PowerSensor> sensors, MeterConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.clock = nanoClock;
        Map<String, Rail> all = new LinkedHashMap<>();
        for (PowerSensor s : sensors) {
            for (Rail r : s.rails()) {
                if (all.putIfAbsent(r.id(), r) != null) {
                    throw new IllegalArgumentException("rail id " + r.id() + " is reported by two sensors ("
                            + s.id() + " and another); rail ids must be unique");
                }
            }
        }
        List<Rail> chosen = config.select(all.values());
        Map<String, Integer> byRail = new HashMap<>();
        rings = new RailRing[chosen.size()];
        railOfRing = chosen.toArray(new Rail[0]);
        lastStatus = new Status[chosen.size()];
        counter = new boolean[chosen.size()];
        counterValue = new double[chosen.size()];
        counterNanos = new long[chosen.size()];
        Arrays.fill(counterValue, Double.NaN);
        for (int i = 0; i < chosen.size(); i++) {
            byRail.put(chosen.get(i).id(), i);
            rings[i] = new RailRing(chosen.get(i).quantity(), config.capacity());
            lastStatus[i] = Status.NOT_READ;
            counter[i] = chosen.get(i).quantity() == Quantity.ENERGY;
        }
        ringByRail = Collections.unmodifiableMap(byRail);
        List<PowerSensor> used = new ArrayList<>();
        List<int[]> maps = new ArrayList<>();
        for (PowerSensor s : sensors) {
            int[] map = new int[s.rails().size()];
            boolean any = false;
            for (int r = 0; r < map.length; r++) {
                map[r] = byRail.getOrDefault(s.rails().get(r).id(), -1);
                any |= map[r] >= 0;
            }
            if (any) {
                used.add(s);
                maps.add(map);
            }
        }
        this.sensors = used.toArray(new PowerSensor[0]);
        this.ringOf = maps.toArray(new int[0][]);
        this.readings = new Readings[this.sensors.length];
        for (int i = 0; i < this.sensors.length; i++) {
            readings[i] = new Readings(this.sensors[i].rails().size());
        }
        this.nextDue = new long[this.sensors.length];
        this.threw = new boolean[this.sensors.length];
    }

    /** The meter's clock, in nanoseconds. */
    public long now() {
        return clock.getAsLong();
    }

    /** The sampled rails, in configuration order. */
    public List<Rail> rails() {
        return List.of(railOfRing);
    }

    /** The configuration the meter runs with. */
    public MeterConfig config() {
        return config;
    }

    /** How many sampling rounds have run. */
    public long rounds() {
        return rounds;
    }

    /**
     * Reads every sensor that is due: whose own refresh interval (less half a period of slack, so
     * scheduling jitter does not skip a whole period) has passed since its last read. One thread
     * samples: call this from your own loop, or use {@link #start}, not both.
     */
    public void sampleOnce() {
        long half = config.periodNanos() / 2;
        for (int s = 0; s < sensors.length; s++) {
            long now = clock.getAsLong();
            if (rounds > 0 && now - nextDue[s] < 0) {
                continue;
            }
            nextDue[s] = now + sensors[s].refreshIntervalNanos() - half;
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
                    record(map[r], now, out.value(r), out.status(r));
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

    private void record(int ring, long now, double value, Status status) {
        if (counter[ring] && !Double.isNaN(value)) {
            status = checkCounterRate(ring, now, value, status);
        }
        rings[ring].append(now, value, status);
        Status before = lastStatus[ring];
        lastStatus[ring] = status;
        boolean changed = before.valid() != status.valid() || (!status.valid() && before != status);
        if (!changed || before == Status.NOT_READ && status.valid()) {
            return; // log transitions only, and not the first good reading
        }
        Rail rail = railOfRing[ring];
        if (status.valid()) {
            LOG.info("rail {}: readings valid again ({})", rail.id(), rail.source());
        } else {
            LOG.warn("rail {}: {} ({}); sampling continues", rail.id(), status.reason(), rail.source());
        }
    }

    /**
     * A counter that rose faster than any rail can draw is absurd; its value still anchors the
     * next span, as a counter going backwards does, so one bad jump costs one gap, not the total.
     */
    private Status checkCounterRate(int ring, long now, double value, Status status) {
        double before = counterValue[ring];
        long since = now - counterNanos[ring];
        counterValue[ring] = value;
        counterNanos[ring] = now;
        if (status.valid() && !Double.isNaN(before) && since > 0
                && (value - before) / (since / 1e9) > config.maxWatts()) {
            return Status.ABSURD;
        }
        return status;
    }

    /** Starts sampling every period on a thread from {@code threads}. */
    public void start(ThreadFactory threads) {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("the energy meter is already running");
            }
            running = true;
            thread = threads.newThread(this::loop);
            thread.start();
        }
    }

    /** Starts sampling on a daemon thread named {@code dynnd-energy-sampler}. */
    public void start() {
        start(r -> {
            Thread t = new Thread(r, "dynnd-energy-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    private void loop() {
        long period = config.periodNanos();
        long next = clock.getAsLong();
        while (running) {
            try {
                sampleOnce();
            } catch (Throwable e) {
                // sampleOnce contains sensor failures; this is the last resort (out of memory): the
                // sampler thread must outlive it and try again next period.
                LOG.error("sampling round failed; continuing", e);
            }
            next += period;
            long wait = next - clock.getAsLong();
            if (wait <= 0) {
                next = clock.getAsLong(); // fell behind: skip the missed rounds rather than burst
            } else {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Stops the sampling thread, if it runs, and waits for it. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RailRing ring(String rail) {
        Integer i = ringByRail.get(rail);
        if (i == null) {
            throw new IllegalArgumentException("rail " + rail + " is not sampled; sampled rails: "
                    + String.join(", ", ringByRail.keySet()));
        }
        return rings[i];
    }

    /** Energy of {@code rail} over [t0, t1] (meter clock), with its coverage. */
    public Integral energy(String rail, long t0, long t1) {
        return ring(rail).integrate(t0, t1);
    }

    /** The latest power of {@code rail} in watts, NaN when its latest reading is a fault. */
    public double latestWatts(String rail) {
        return ring(rail).latestWatts();
    }

    /** The latest sample of {@code rail}, whatever its status. */
    public Optional<Sample> latest(String rail) {
        return Optional.ofNullable(ring(rail).latest());
    }

    /** Every stored sample of {@code rail}, oldest first. */
    public List<Sample> samples(String rail) {
        RailRing ring = ring(rail);
        synchronized (ring) {
            List<Sample> all = new ArrayList<>(ring.size());
            for (int k = 0; k < ring.size(); k++) {
                all.add(ring.get(k));
            }
            return all;
        }
    }

    /** The energy of [t0, t1] per rail, per compute unit, and of the board total. */
    public Attribution attribute(long t0, long t1) {
        Map<String, Integral> perRail = new LinkedHashMap<>();
        for (Rail r : railOfRing) {
            perRail.put(r.id(), energy(r.id(), t0, t1));
        }
        Map<String, Integral> perUnit = new LinkedHashMap<>();
        config.units().forEach((unit, members) -> {
            Integral sum = null;
            for (String m : members) {
                sum = sum == null ? perRail.get(m) : sum.plus(perRail.get(m));
            }
            perUnit.put(unit, sum);
        });
        return new Attribution(t0, t1, Collections.unmodifiableMap(perRail), Collections.unmodifiableMap(perUnit),
                config.totalRail().map(perRail::get));
    }
}
