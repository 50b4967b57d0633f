package org.dynnd.sensors;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a power sensor says about itself, fixed once it is discovered: energymon's
 * {@code source}, {@code interval} and {@code precision} in one value. Every backend fills one of
 * these instead of repeating the same six accessors, and a wrapper (a sensor with renamed rails)
 * copies it with one field changed.
 *
 * @param id a stable identifier, such as {@code ina231:3-0040} or {@code rapl}
 * @param kind which backend reads the sensor
 * @param path the folder or device the sensor is read from
 * @param rails the rails, in the order {@link PowerSensor#read} fills them
 * @param refreshIntervalNanos how often the values behind the files change, in nanoseconds;
 *     reading more often only returns the same cached value. 0 when every read performs a fresh
 *     measurement
 * @param resolution the smallest step one reading can show, in the rail's unit (watts or joules);
 *     0 when the step is not fixed (power computed from two registers depends on the bus voltage)
 */
public record SensorInfo(String id, SensorKind kind, Path path, List<Rail> rails, long refreshIntervalNanos,
        double resolution) {

    public SensorInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        rails = List.copyOf(rails);
        if (refreshIntervalNanos < 0) {
            throw new IllegalArgumentException("sensor " + id + ": refresh interval must be >= 0 ns, got "
                    + refreshIntervalNanos);
        }
        if (!(resolution >= 0)) {
            throw new IllegalArgumentException("sensor " + id + ": resolution must be >= 0, got " + resolution);
        }
    }

    /**
     * The same sensor with other rails, such as the names the configuration gives them; as many as
     * before, since {@link PowerSensor#read} still fills the slots of the original rails.
     */
    public SensorInfo withRails(List<Rail> renamed) {
        if (renamed.size() != rails.size()) {
            throw new IllegalArgumentException("sensor " + id + ": " + rails.size() + " rails, but " + renamed.size()
                    + " given to replace them");
        }
        return new SensorInfo(id, kind, path, renamed, refreshIntervalNanos, resolution);
    }
}
