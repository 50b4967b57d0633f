package org.dynnd.sensors.hwmon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.dynnd.sensors.ChannelPowerSensor;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.sysfs.NumericFile;
import org.dynnd.sensors.sysfs.PowerFile;
import org.dynnd.sensors.sysfs.SysfsDirs;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.dynnd.sensors.sysfs.SysfsText;

/** Finds INA3221 and INA2xx chips among the hwmon devices under a sysfs root. */
public final class HwmonDiscovery {
    /** Chip names of the mainline {@code ina2xx} driver that report {@code power1_input} in uW. */
    public static final Set<String> INA2XX = Set.of("ina219", "ina220", "ina226", "ina230", "ina231", "ina260");
    private static final int INA3221_CHANNELS = 3;

    private HwmonDiscovery() {}

    /** Lists one sensor per INA3221 or INA2xx hwmon device. */
    public static List<PowerSensor> scan(Path root, SysfsReader reader, double maxWatts, Consumer<String> problems) {
        Map<Path, Path> byRealPath = new LinkedHashMap<>();
        List<Path> candidates = new ArrayList<>(SysfsDirs.list(root.resolve("sys/class/hwmon"), "hwmon*", problems));
        for (Path dev : SysfsDirs.list(root.resolve("sys/bus/i2c/drivers/ina3221"), "*-*", problems)) {
            candidates.addAll(SysfsDirs.list(dev.resolve("hwmon"), "hwmon*", problems));
        }
        for (Path dir : candidates) {
            try {
                byRealPath.putIfAbsent(dir.toRealPath(), dir);
            } catch (IOException e) {
                problems.accept(dir + ": cannot resolve: " + e.getMessage());
            }
        }
        List<PowerSensor> sensors = new ArrayList<>();
        for (Map.Entry<Path, Path> e : byRealPath.entrySet()) {
            String name = SysfsText.read(reader, e.getKey().resolve("name")).orElse("");
            String device = deviceName(e.getKey());
            if (name.equals("ina3221")) {
                PowerSensor s = ina3221(e.getKey(), device, reader, maxWatts, problems);
                if (s != null) {
                    sensors.add(s);
                }
            } else if (INA2XX.contains(name)) {
                sensors.add(ina2xx(e.getKey(), name, device, reader, maxWatts));
            }
        }
        return sensors;
    }

    /** The I2C device a hwmon folder belongs to: {@code .../1-0040/hwmon/hwmon3} gives 1-0040. */
    private static String deviceName(Path realHwmon) {
        Path parent = realHwmon.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("hwmon")
                && parent.getParent() != null) {
            return parent.getParent().getFileName().toString();
        }
        return realHwmon.getFileName().toString();
    }

    private static PowerSensor ina3221(Path dir, String device, SysfsReader reader, double maxWatts,
            Consumer<String> problems) {
        List<Rail> rails = new ArrayList<>();
        List<ChannelPowerSensor.ChannelReader> readers = new ArrayList<>();
        for (int ch = 1; ch <= INA3221_CHANNELS; ch++) {
            String label = SysfsText.read(reader, dir.resolve("in" + ch + "_label")).orElse(null);
            String enabled = SysfsText.read(reader, dir.resolve("in" + ch + "_enable")).orElse("").trim();
            if (label == null) {
                // No label: either the DT disabled the input (the driver then clears its enable bit)
                // or the DT simply names nothing, as on a generic board; only the latter is a rail.
                if (!enabled.equals("1")) {
                    continue;
                }
                label = device + "/in" + ch;
            }
            if (label.equals("NC")) {
                continue; // labelled not-connected by NVIDIA's L4T device trees
            }
            if (enabled.equals("0")) {
                problems.accept(dir.resolve("in" + ch + "_enable") + ": channel " + ch + " (" + label
                        + ") is disabled; write 1 to enable it");
                continue;
            }
            NumericFile volts = new NumericFile(dir.resolve("in" + ch + "_input"), reader, 0);
            NumericFile amps = new NumericFile(dir.resolve("curr" + ch + "_input"), reader, 0);
            rails.add(new Rail(label, "INA3221 " + device + " channel " + ch, Quantity.POWER, volts.path(),
                    "mV*mA"));
            readers.add((out, slot) -> readProduct(out, slot, volts, amps, maxWatts));
        }
        if (rails.isEmpty()) {
            problems.accept(dir + ": INA3221 with no enabled, connected channel");
            return null;
        }
        return new ChannelPowerSensor("hwmon:ina3221@" + device, SensorKind.HWMON, dir, rails, readers,
                intervalNanos(dir, reader), 1e-6);
    }

    private static void readProduct(org.dynnd.sensors.Readings out, int slot, NumericFile volts, NumericFile amps,
            double maxWatts) {
        Status v = volts.read();
        if (v != Status.OK) {
            out.fail(slot, v);
            return;
        }
        Status a = amps.read();
        if (a != Status.OK) {
            out.fail(slot, a);
            return;
        }
        // mV * mA = uW. The two files are read one after the other, not atomically.
        Plausibility.power(out, slot, volts.value() * (double) amps.value() / 1e6, maxWatts);
    }

    private static PowerSensor ina2xx(Path dir, String chip, String device, SysfsReader reader, double maxWatts) {
        NumericFile power = new NumericFile(dir.resolve("power1_input"), reader, 0);
        Rail rail = new Rail(chip + "@" + device, chip.toUpperCase() + " " + device, Quantity.POWER, power.path(),
                "uW");
        ChannelPowerSensor.ChannelReader channel = PowerFile.channel(power, 1e6, maxWatts);
        return new ChannelPowerSensor("hwmon:" + chip + "@" + device, SensorKind.HWMON, dir, List.of(rail),
                List.of(channel), intervalNanos(dir, reader), 1e-6);
    }

    private static long intervalNanos(Path dir, SysfsReader reader) {
        String text = SysfsText.read(reader, dir.resolve("update_interval")).orElse("").trim();
        if (text.matches("\\d{1,9}")) {
            return Long.parseLong(text) * 1_000_000L;
        }
        return 0;
    }
}
