package org.dynnd.sensors.rapl;

import java.nio.file.Path;
import java.util.List;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.SensorInfo;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.sysfs.NumericFile;

/**
 * The RAPL zones of one host as one sensor: each rail is a zone's {@code energy_uj} counter,
 * unwrapped into joules counted from the first reading.
 */
public final class RaplSensor implements PowerSensor {
    /** energymon reports 1000 us for RAPL (boards/x86-rapl.yaml, wraparound.update_rate). */
    public static final long REFRESH_NANOS = 1_000_000L;

    private final SensorInfo info;
    private final NumericFile[] counters;
    private final long[] ranges;
    private final long[] last;
    private final long[] cumulative;
    private final boolean[] started;

    RaplSensor(Path path, List<Rail> rails, List<NumericFile> counters, long[] rangesUj) {
        // energy_uj is printed in microjoules; the hardware unit is coarser (61 uJ on Intel).
        this.info = new SensorInfo("rapl", SensorKind.RAPL, path, rails, REFRESH_NANOS, 1e-6);
        this.counters = counters.toArray(new NumericFile[0]);
        this.ranges = rangesUj.clone();
        this.last = new long[rails.size()];
        this.cumulative = new long[rails.size()];
        this.started = new boolean[rails.size()];
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public void read(Readings out) {
        for (int i = 0; i < counters.length; i++) {
            Status status = counters[i].read();
            if (status != Status.OK) {
                out.fail(i, status);
                continue;
            }
            long raw = counters[i].value();
            if (!started[i]) {
                started[i] = true;
                last[i] = raw;
                out.ok(i, 0.0);
                continue;
            }
            Status step = Status.OK;
            long delta = raw - last[i];
            if (delta < 0) {
                long unwrapped = raw + ranges[i] - last[i];
                if (ranges[i] > 0 && unwrapped >= 0 && unwrapped <= ranges[i] / 2) {
                    delta = unwrapped;
                    step = Status.WRAPPED;
                } else {
                    delta = 0; // re-anchor: the energy since the last reading is unknown
                    step = Status.COUNTER_BACKWARDS;
                }
            }
            last[i] = raw;
            cumulative[i] += delta;
            out.set(i, cumulative[i] / 1e6, step);
        }
    }
}
