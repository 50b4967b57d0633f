package org.dynnd.sensors.rapl;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.sysfs.NumericFile;
import org.dynnd.sensors.sysfs.SysfsDirs;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.dynnd.sensors.sysfs.SysfsText;

/** Finds the RAPL zones under a sysfs root and checks that their counters can be read. */
public final class RaplDiscovery {
    /** The flat links to every zone, relative to the sysfs root. */
    public static final String CLASS_DIR = "sys/class/powercap";
    /** The real zone folders, when the class links are absent. */
    public static final String DEVICE_DIR = "sys/devices/virtual/powercap/intel-rapl";
    private static final Pattern ZONE = Pattern.compile("intel-rapl:([0-9a-f]+)(?::([0-9a-f]+))?");

    private RaplDiscovery() {}

    /** Returns the one RAPL sensor of the host, or nothing when no zone exists. */
    public static List<PowerSensor> scan(Path root, SysfsReader reader, Consumer<String> problems) {
        List<Path> zones = new ArrayList<>();
        for (Path p : SysfsDirs.list(root.resolve(CLASS_DIR), "intel-rapl:*", problems)) {
            zones.add(p);
        }
        Path base = root.resolve(CLASS_DIR);
        if (zones.isEmpty()) {
            base = root.resolve(DEVICE_DIR);
            for (Path top : SysfsDirs.list(base, "intel-rapl:*", problems)) {
                zones.add(top);
                zones.addAll(SysfsDirs.list(top, "intel-rapl:*", problems));
            }
        }
        Map<String, String> names = new HashMap<>();
        for (Path zone : zones) {
            names.put(zone.getFileName().toString(), SysfsText.read(reader, zone.resolve("name")).orElse(""));
        }
        List<Rail> rails = new ArrayList<>();
        List<NumericFile> counters = new ArrayList<>();
        List<Long> ranges = new ArrayList<>();
        for (Path zone : zones) {
            Matcher m = ZONE.matcher(zone.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            String name = names.get(zone.getFileName().toString());
            if (name.isEmpty()) {
                problems.accept(zone.resolve("name") + ": unreadable or empty; zone skipped");
                continue;
            }
            String id = m.group(2) == null ? name : names.getOrDefault("intel-rapl:" + m.group(1), "?") + "/" + name;
            Path energy = zone.resolve("energy_uj");
            Long range = range(zone.resolve("max_energy_range_uj"), reader, problems);
            if (range == null || !checkReadable(energy, reader, problems)) {
                continue;
            }
            rails.add(new Rail(id, "RAPL zone " + zone.getFileName() + " (" + name + ")", Quantity.ENERGY, energy,
                    "uJ"));
            counters.add(new NumericFile(energy, reader, 0));
            ranges.add(range);
        }
        if (rails.isEmpty()) {
            return List.of();
        }
        long[] r = ranges.stream().mapToLong(Long::longValue).toArray();
        return List.of(new RaplSensor(base, rails, counters, r));
    }

    private static Long range(Path file, SysfsReader reader, Consumer<String> problems) {
        String text = SysfsText.read(reader, file).orElse("").trim();
        if (text.matches("\\d{1,18}") && Long.parseLong(text) > 0) {
            return Long.parseLong(text);
        }
        problems.accept(file + ": expected a positive number of microjoules (such as \"262143999938\"), got \""
                + text + "\"; zone skipped, its counter could not be unwrapped");
        return null;
    }

    private static boolean checkReadable(Path energy, SysfsReader reader, Consumer<String> problems) {
        try {
            reader.read(energy, new byte[64]);
            return true;
        } catch (AccessDeniedException e) {
            problems.accept(energy + ": readable by root only (mode 0400 since Linux 5.10, CVE-2020-8694). "
                    + "Run as root, or grant read access at boot, e.g. in /etc/sysfs.conf: mode "
                    + "class/powercap/" + energy.getParent().getFileName() + "/energy_uj = 0444");
            return false;
        } catch (NoSuchFileException e) {
            problems.accept(energy + ": missing; zone skipped");
            return false;
        } catch (java.io.IOException e) {
            problems.accept(energy + ": cannot be read (" + e.getMessage() + "); zone skipped");
            return false;
        }
    }

}
