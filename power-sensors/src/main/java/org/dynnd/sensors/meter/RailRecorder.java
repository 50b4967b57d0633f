package org.dynnd.sensors.meter;

import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each rail's readings to its ring after the one check the sensors cannot make themselves
 * (a counter rising faster than any rail can draw), and logs a rail's status only when it changes,
 * so a rail that stays broken for an hour writes one line, not 36 000.
 */
final class RailRecorder {
    // The meter's log, whichever of its parts writes: operators look for one name.
    private static final Logger LOG = LoggerFactory.getLogger(EnergyMeter.class);

    private final RailRing[] rings;
    private final Rail[] rails;
    private final Status[] lastStatus;
    private final boolean[] counter;
    private final double[] counterValue; // last value of a counter rail, NaN before the first
    private final long[] counterNanos;
    private final double maxWatts;

    /** @param rings one ring per rail of {@code rails}, same order */
    RailRecorder(RailRing[] rings, Rail[] rails, double maxWatts) {
        this.rings = rings;
        this.rails = rails;
        this.maxWatts = maxWatts;
        this.lastStatus = new Status[rails.length];
        this.counter = new boolean[rails.length];
        this.counterValue = new double[rails.length];
        this.counterNanos = new long[rails.length];
        for (int i = 0; i < rails.length; i++) {
            lastStatus[i] = Status.NOT_READ;
            counter[i] = rails[i].quantity() == Quantity.ENERGY;
            counterValue[i] = Double.NaN;
        }
    }

    /** Records the reading of ring {@code ring} taken at {@code now}. */
    void record(int ring, long now, double value, Status status) {
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
        Rail rail = rails[ring];
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
        if (status.valid() && !Double.isNaN(before) && since > 0 && (value - before) / (since / 1e9) > maxWatts) {
            return Status.ABSURD;
        }
        return status;
    }
}
