package org.dynnd.daemon.emulation;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One INA231 of the Odroid XU3 as Hardkernel's vendor driver shows it
 * ({@code drivers/hardkernel/ina231-sysfs.c}, {@code ina231-i2c.c}): values in W, V and A printed
 * {@code "%d.%06d\n"}, {@code enable} starting at 0 (values read 0 until enabled),
 * {@code update_period} {@code "263808 usec\n"}. The driver's arithmetic is kept: bus voltage in
 * 1.25 mV steps, current in steps of {@code max_A·10⁶/32768} µA, power = mV·mA in µW, and its
 * quirk that the maxima update only when the voltage reaches a new peak.
 */
final class Ina231Files {

    /** The vendor driver's sampling period in microseconds (CONVERSION_DELAY with 16 averages). */
    static final long UPDATE_PERIOD_US = 263_808;
    /** The I2C bus the Hardkernel 3.10 kernel puts the sensors on (4.x kernels use 0). */
    static final int BUS = 3;

    private final Path dir;
    private final Path linkFrom;
    private final String sensorName;
    private final long currentLsbUa;
    private long maxUv;
    private long maxUa;
    private long maxUw;

    Ina231Files(Path root, int address, String sensorName, double maxAmps) {
        String client = BUS + "-00" + String.format("%02x", address);
        this.dir = root.resolve("sys/devices/platform/12c60000.i2c/i2c-" + BUS).resolve(client);
        this.sensorName = sensorName;
        this.currentLsbUa = (long) (maxAmps * 1_000_000) / 32768;
        this.linkFrom = root.resolve("sys/bus/i2c/drivers/INA231").resolve(client);
    }

    void create() throws IOException {
        SysfsFiles.write(dir.resolve("sensor_name"), sensorName + "\n", "0444");
        for (String f : new String[] {"sensor_W", "sensor_A", "sensor_V", "sensor_maxW", "sensor_maxA", "sensor_maxV"}) {
            SysfsFiles.write(dir.resolve(f), "0.000000\n", "0444");
        }
        SysfsFiles.write(dir.resolve("enable"), "0\n", "0644");
        SysfsFiles.write(dir.resolve("update_period"), UPDATE_PERIOD_US + " usec\n", "0444");
        SysfsFiles.write(dir.resolve("name"), "INA231\n", "0444");
        SysfsFiles.link(linkFrom, dir);
    }

    /** Whether the daemon enabled the sensor (any non-zero integer, as the driver's simple_strtol). */
    boolean enabled() {
        String text = SysfsFiles.read(dir.resolve("enable"));
        try {
            return text != null && Long.parseLong(text.strip()) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One sample of the driver: the rail at {@code volts} drawing {@code watts}; zeros when disabled. */
    void sample(double volts, double watts) throws IOException {
        long uV = 0;
        long uA = 0;
        if (enabled() && volts > 0) {
            long regBusVolt = Math.round(volts * 1_000_000 / 1250.0);
            uV = regBusVolt * 1250;
            long regCurrent = Math.max(0, Math.round(watts / volts * 1_000_000 / currentLsbUa));
            uA = regCurrent * currentLsbUa;
        }
        long uW = (uV / 1000) * (uA / 1000);
        if (uV > maxUv) {
            // The driver compares 'cur_uA > cur_uA' (always false): maxima are snapshots at voltage peaks.
            maxUv = uV;
            maxUa = uA;
            maxUw = uW;
            SysfsFiles.update(dir.resolve("sensor_maxV"), micro(maxUv));
            SysfsFiles.update(dir.resolve("sensor_maxA"), micro(maxUa));
            SysfsFiles.update(dir.resolve("sensor_maxW"), micro(maxUw));
        }
        SysfsFiles.update(dir.resolve("sensor_V"), micro(uV));
        SysfsFiles.update(dir.resolve("sensor_A"), micro(uA));
        SysfsFiles.update(dir.resolve("sensor_W"), micro(uW));
    }

    /** The driver's {@code "%d.%06d\n"} of a micro-unit value. */
    static String micro(long micros) {
        return String.format("%d.%06d\n", micros / 1_000_000, micros % 1_000_000);
    }
}
