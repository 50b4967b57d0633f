package org.dynnd.daemon.board;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.meter.EnergyMeter;
import org.dynnd.sensors.meter.Integral;
import org.dynnd.sensors.meter.Sample;

/**
 * The board's power over a stretch of time, from the energy meter: every rail's average, and the
 * board's — the total rail where the board has one, else the sum of its rails. A stretch the
 * sensors did not cover reads NaN, never zero.
 */
public final class PowerReadings {

    /** One stretch: watts per rail and for the board (NaN when unknown), joules of the board. */
    public record Reading(Map<String, Double> railsW, double boardW, double boardJ) {}

    private final EnergyMeter meter;
    private final List<String> rails;
    private final Optional<String> totalRail;
    private final List<String> summed;
    private volatile double latestBoardW = Double.NaN;

    /**
     * @param totalRail the rail that measures the whole board, if one does; else the board is the
     *     sum of the rails that are not inside another: a rail whose id is another's id, a slash
     *     and more (RAPL's {@code package-0/core} within {@code package-0}) is already counted there
     */
    PowerReadings(EnergyMeter meter, List<String> rails, Optional<String> totalRail) {
        this.meter = meter;
        this.rails = List.copyOf(rails);
        this.totalRail = totalRail;
        this.summed = rails.stream().filter(r -> rails.stream().noneMatch(outer -> r.startsWith(outer + "/"))).toList();
    }

    /** True when no rail is read at all: the board's power is unknown. */
    public boolean none() {
        return rails.isEmpty();
    }

    public Reading over(long t0, long t1) {
        Map<String, Double> perRail = new LinkedHashMap<>();
        double sumW = 0;
        boolean complete = !rails.isEmpty();
        for (String rail : rails) {
            Integral integral = meter.energy(rail, t0, t1);
            double w = integral.coveredNanos() > 0 ? integral.averageWatts() : Double.NaN;
            perRail.put(rail, w);
            if (!summed.contains(rail)) {
                continue;
            }
            if (Double.isNaN(w)) {
                complete = false;
            } else {
                sumW += w;
            }
        }
        double boardW = totalRail.isPresent()
                ? perRail.getOrDefault(totalRail.get(), Double.NaN)
                : complete ? sumW : Double.NaN;
        double boardJ = boardW * (t1 - t0) / 1e9;
        if (!Double.isNaN(boardW)) {
            latestBoardW = boardW;
        }
        return new Reading(perRail, boardW, boardJ);
    }

    /**
     * The board's power from the readings the sensors took within [t0, t1] alone, in W: a power
     * rail's is the mean of its valid readings there, a counter's its increase between its first
     * and last reading there over the time between them. What {@link #over} interpolates from a
     * reading before t0 (of another operating point) never enters it. NaN while a rail the
     * board's power needs has too few readings there: a power rail none, a counter fewer than two.
     */
    public double observedBoardW(long t0, long t1) {
        if (totalRail.isPresent()) {
            return observedW(totalRail.get(), t0, t1);
        }
        if (summed.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (String rail : summed) {
            sum += observedW(rail, t0, t1); // NaN stays NaN
        }
        return sum;
    }

    private double observedW(String rail, long t0, long t1) {
        boolean counter = meter.rails().stream().filter(r -> r.id().equals(rail)).map(Rail::quantity)
                .findFirst().orElseThrow() == Quantity.ENERGY;
        double sumW = 0;
        int readings = 0;
        long first = 0;
        long last = 0;
        for (Sample s : meter.samples(rail)) {
            if (s.nanos() < t0 || s.nanos() > t1) {
                continue;
            }
            if (counter ? Double.isNaN(s.value()) : !s.status().valid()) {
                continue;
            }
            if (readings == 0) {
                first = s.nanos();
            }
            last = s.nanos();
            sumW += s.value();
            readings++;
        }
        if (!counter) {
            return readings == 0 ? Double.NaN : sumW / readings;
        }
        if (readings < 2 || last <= first) {
            return Double.NaN;
        }
        // The meter's integral between two of the counter's own readings is their difference, less
        // any span it marked a gap (a counter that went backwards or jumped absurdly).
        Integral observed = meter.energy(rail, first, last);
        return observed.coveredNanos() > 0 ? observed.averageWatts() : Double.NaN;
    }

    /** The board's power over the most recent stretch that was measured, in W; NaN before any. */
    public double latestBoardW() {
        return latestBoardW;
    }
}
