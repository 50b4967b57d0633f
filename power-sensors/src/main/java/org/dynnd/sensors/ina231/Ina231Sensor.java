package org.dynnd.sensors.ina231;

import java.nio.file.Path;
import java.util.List;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.SensorInfo;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.sysfs.NumericFile;
import org.dynnd.sensors.sysfs.SysfsReader;

/** One INA231 chip of the vendor sysfs driver: one rail, read from {@code sensor_W} in watts. */
public final class Ina231Sensor implements PowerSensor {
    /** The driver's default refresh period, 263808 us (boards/odroid-xu3.yaml, update_period). */
    public static final long DEFAULT_UPDATE_PERIOD_NANOS = 263_808_000L;

    private final SensorInfo info;
    private final double maxWatts;
    private final NumericFile watts;
    private final NumericFile enable;

    Ina231Sensor(String id, Path dir, Rail rail, long refreshNanos, double maxWatts, SysfsReader reader) {
        // Printed with six decimals: one reading resolves a microwatt.
        this.info = new SensorInfo(id, SensorKind.INA231_SYSFS, dir, List.of(rail), refreshNanos, 1e-6);
        this.maxWatts = maxWatts;
        // "%d.%06d\n": six fraction digits, so the parsed number is in microwatts.
        this.watts = new NumericFile(dir.resolve("sensor_W"), reader, 6);
        this.enable = new NumericFile(dir.resolve("enable"), reader, 0);
    }

    /** Builds the rail record of the chip in {@code dir} at I2C {@code address}. */
    static Rail rail(Path dir, int address, String sensorName) {
        Ina231Rails.Named named = Ina231Rails.forAddress(address, sensorName);
        return new Rail(named.id(), named.label(), Quantity.POWER, dir.resolve("sensor_W"), "W");
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public void read(Readings out) {
        Status status = watts.read();
        if (status != Status.OK) {
            out.fail(0, status);
            return;
        }
        long microwatts = watts.value();
        // A disabled chip reads exactly 0.000000; only then is enable worth a second read.
        if (microwatts == 0 && enable.read() == Status.OK && enable.value() == 0) {
            out.fail(0, Status.DISABLED);
            return;
        }
        Plausibility.power(out, 0, microwatts / 1e6, maxWatts);
    }
}
