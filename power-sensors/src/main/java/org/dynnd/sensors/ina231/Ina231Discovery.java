package org.dynnd.sensors.ina231;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.sysfs.SysfsDirs;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.dynnd.sensors.sysfs.SysfsText;

/**
 * Finds every INA231 of the vendor driver under a sysfs root, whatever the bus number, and
 * enables the ones that are off.
 */
public final class Ina231Discovery {
    /** The driver folder relative to the sysfs root; the driver is named in upper case. */
    public static final String DRIVER_DIR = "sys/bus/i2c/drivers/INA231";
    private static final Pattern DEVICE = Pattern.compile("(\\d+)-([0-9a-fA-F]{4})");
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,12}) usec");

    private Ina231Discovery() {}

    /**
     * Lists the INA231 chips under {@code root}.
     *
     * @param enable whether to write 1 to {@code enable} of a chip that reads 0
     * @param problems receives one line per thing a user should know (a chip left disabled, an
     *     unreadable period)
     */
    public static List<PowerSensor> scan(Path root, SysfsReader reader, boolean enable, double maxWatts,
            Consumer<String> problems) {
        Path driver = root.resolve(DRIVER_DIR);
        List<PowerSensor> sensors = new ArrayList<>();
        for (Path dir : SysfsDirs.list(driver, "*-*", problems)) {
            Matcher m = DEVICE.matcher(dir.getFileName().toString());
            if (!m.matches()) {
                continue; // module, or a device of another shape
            }
            int address = Integer.parseInt(m.group(2), 16);
            String sensorName = SysfsText.read(reader, dir.resolve("sensor_name")).orElse("");
            if (enable) {
                ensureEnabled(dir, reader, problems);
            }
            long period = updatePeriod(dir, reader, problems);
            sensors.add(new Ina231Sensor("ina231:" + dir.getFileName(), dir,
                    Ina231Sensor.rail(dir, address, sensorName), period, maxWatts, reader));
        }
        return sensors;
    }

    private static void ensureEnabled(Path dir, SysfsReader reader, Consumer<String> problems) {
        Path file = dir.resolve("enable");
        String value = SysfsText.read(reader, file).orElse("").trim();
        if (!value.equals("0")) {
            return;
        }
        try {
            reader.write(file, "1\n");
        } catch (IOException e) {
            problems.accept(file + ": the INA231 is disabled (reads 0) and enabling it failed ("
                    + e.getClass().getSimpleName() + "); its rail reads 0 until someone with write access runs: "
                    + "echo 1 > " + file);
        }
    }

    private static long updatePeriod(Path dir, SysfsReader reader, Consumer<String> problems) {
        Path file = dir.resolve("update_period");
        String text = SysfsText.read(reader, file).orElse(null);
        if (text != null) {
            Matcher m = PERIOD.matcher(text.trim());
            if (m.matches()) {
                return Long.parseLong(m.group(1)) * 1000L;
            }
        }
        problems.accept(file + ": expected \"<microseconds> usec\" (such as \"263808 usec\"), got "
                + (text == null ? "an unreadable file" : "\"" + text + "\"")
                + "; assuming the driver default 263808 usec");
        return Ina231Sensor.DEFAULT_UPDATE_PERIOD_NANOS;
    }
}
