package org.dynnd.sensors.meter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;

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
 *
 * <p>The meter joins three package-private parts: a {@code SamplingRound} reads the sensors, a
 * {@code RailRecorder} checks each rail's reading and stores it in the rail's {@code RailRing}, a
 * {@code SamplerThread} runs the rounds; the queries below read the rings.
 */
public final class EnergyMeter implements AutoCloseable {
    private final RailRing[] rings;
    private final Rail[] railOfRing;
    private final Map<String, Integer> ringByRail;
    private final MeterConfig config;
    private final LongSupplier clock;
    private final SamplingRound round;
    private final SamplerThread sampler;

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
        for (int i = 0; i < chosen.size(); i++) {
            byRail.put(chosen.get(i).id(), i);
            rings[i] = new RailRing(chosen.get(i).quantity(), config.capacity());
        }
        ringByRail = Collections.unmodifiableMap(byRail);
        RailRecorder recorder = new RailRecorder(rings, railOfRing, config.maxWatts());
        round = new SamplingRound(sensors, ringByRail, recorder, config.periodNanos(), nanoClock);
        sampler = new SamplerThread(round, config.periodNanos(), nanoClock);
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
        return round.rounds();
    }

    /**
     * Reads every sensor that is due: whose own refresh interval (less half a period of slack, so
     * scheduling jitter does not skip a whole period) has passed since its last read. One thread
     * samples: call this from your own loop, or use {@link #start}, not both.
     */
    public void sampleOnce() {
        round.run();
    }

    /** Starts sampling every period on a thread from {@code threads}. */
    public void start(ThreadFactory threads) {
        sampler.start(threads);
    }

    /** Starts sampling on a daemon thread named {@code dynnd-energy-sampler}. */
    public void start() {
        start(r -> {
            Thread t = new Thread(r, "dynnd-energy-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the sampling thread, if it runs, and waits for it. */
    @Override
    public void close() {
        sampler.close();
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
