package org.dynnd.sensors.meter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.Rail;

/**
 * What the daemon tells the meter, from its configuration: how often to sample, how many samples
 * to keep, which rails to sample, which rail is the board total, and which rails feed which compute
 * unit ({@code big}, {@code little}, {@code gpu}, {@code mem} ...).
 *
 * @param periodNanos the sampling period; a sensor is read no more often than its own refresh
 *     interval
 * @param capacity samples kept per rail
 * @param rails the rail ids to sample; empty means every rail discovered
 * @param totalRail the rail that measures the whole board or module, if one does (POM_5V_IN on
 *     the Nano, VDD_IN on the Orin NX; the XU3 and the AGX Orin have none)
 * @param units compute unit to its rails; a unit's energy is the sum of its rails
 * @param maxWatts the most one rail can draw; a counter rising faster than this between two
 *     readings is reported as absurd (power readings are checked by the sensors themselves)
 */
public record MeterConfig(long periodNanos, int capacity, List<String> rails, Optional<String> totalRail,
        Map<String, List<String>> units, double maxWatts) {

    /** A configuration with the default ceiling of {@link Plausibility#DEFAULT_MAX_WATTS}. */
    public MeterConfig(long periodNanos, int capacity, List<String> rails, Optional<String> totalRail,
            Map<String, List<String>> units) {
        this(periodNanos, capacity, rails, totalRail, units, Plausibility.DEFAULT_MAX_WATTS);
    }

    /** A period of 100 ms, 4096 samples per rail (almost 7 minutes), every rail, no total, no units. */
    public static MeterConfig defaults() {
        return new MeterConfig(100_000_000L, 4096, List.of(), Optional.empty(), Map.of());
    }

    public MeterConfig {
        Objects.requireNonNull(totalRail, "totalRail");
        rails = List.copyOf(rails);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        units.forEach((unit, members) -> copy.put(unit, List.copyOf(members)));
        units = java.util.Collections.unmodifiableMap(copy);
        if (periodNanos < 1_000_000L || periodNanos > 60_000_000_000L) {
            throw new IllegalArgumentException("sampling period must be 1 ms .. 60 s, got " + periodNanos + " ns");
        }
        if (capacity < 2 || capacity > 10_000_000) {
            throw new IllegalArgumentException("ring capacity must be 2 .. 10000000 samples, got " + capacity);
        }
        if (!(maxWatts > 0)) {
            throw new IllegalArgumentException("maxWatts must be > 0, got " + maxWatts);
        }
        for (Map.Entry<String, List<String>> e : units.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("compute unit " + e.getKey() + " has no rails");
            }
        }
    }

    /**
     * The rails to sample among {@code available}, in configuration order (or discovery order when
     * none are named).
     *
     * @throws IllegalArgumentException naming every unknown rail and the rails that exist
     */
    public List<Rail> select(Collection<Rail> available) {
        Map<String, Rail> byId = new LinkedHashMap<>();
        available.forEach(r -> byId.put(r.id(), r));
        List<String> wanted = rails.isEmpty() ? new ArrayList<>(byId.keySet()) : rails;
        List<String> problems = new ArrayList<>();
        for (String id : wanted) {
            if (!byId.containsKey(id)) {
                problems.add("rail " + id + " is not among the discovered rails");
            }
        }
        Set<String> chosen = new TreeSet<>(wanted);
        totalRail.filter(t -> !chosen.contains(t)).ifPresent(t -> problems.add("total rail " + t + " is not sampled"));
        units.forEach((unit, members) -> members.stream().filter(m -> !chosen.contains(m))
                .forEach(m -> problems.add("rail " + m + " of compute unit " + unit + " is not sampled")));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + ". Rails available: "
                    + String.join(", ", byId.keySet()));
        }
        List<Rail> result = new ArrayList<>();
        for (String id : wanted) {
            result.add(byId.get(id));
        }
        return result;
    }
}
