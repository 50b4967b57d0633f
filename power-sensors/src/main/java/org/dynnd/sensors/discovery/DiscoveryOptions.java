package org.dynnd.sensors.discovery;

import java.util.List;
import java.util.Map;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.i2c.I2cSensorConfig;

/**
 * How discovery behaves.
 *
 * @param enableIna231 write 1 to the {@code enable} file of an INA231 that is off (needs root)
 * @param maxWatts readings above this many watts on one rail are reported as absurd
 * @param i2c chips to read over raw I2C, which cannot be discovered safely by probing
 * @param railNames names given to discovered rails, by discovered id: on a Jetson Nano read by a
 *     non-root daemon the rail names are unreadable (mode 0600) and the rails are discovered as
 *     {@code 6-0040/ch0} ...; {@code Map.of("6-0040/ch0", "POM_5V_IN")} names them
 */
public record DiscoveryOptions(boolean enableIna231, double maxWatts, List<I2cSensorConfig> i2c,
        Map<String, String> railNames) {

    /** Options that keep the discovered rail names. */
    public DiscoveryOptions(boolean enableIna231, double maxWatts, List<I2cSensorConfig> i2c) {
        this(enableIna231, maxWatts, i2c, Map.of());
    }

    public DiscoveryOptions {
        i2c = List.copyOf(i2c);
        railNames = Map.copyOf(railNames);
        railNames.forEach((from, to) -> {
            if (to.isBlank()) {
                throw new IllegalArgumentException("rail " + from + ": the new name must not be blank");
            }
        });
        if (!(maxWatts > 0)) {
            throw new IllegalArgumentException("maxWatts must be > 0, got " + maxWatts);
        }
    }

    /** Enable INA231 chips, 10 kW ceiling, no raw I2C chips. */
    public static DiscoveryOptions defaults() {
        return new DiscoveryOptions(true, Plausibility.DEFAULT_MAX_WATTS, List.of());
    }

    /** The same options without touching any {@code enable} file (for a read-only listing). */
    public DiscoveryOptions readOnly() {
        return new DiscoveryOptions(false, maxWatts, i2c, railNames);
    }
}
