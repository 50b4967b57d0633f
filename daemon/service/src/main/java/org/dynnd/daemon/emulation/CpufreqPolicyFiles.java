package org.dynnd.daemon.emulation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One emulated cpufreq policy, laid out as the kernel's generic cpufreq code shows it
 * ({@code drivers/cpufreq/cpufreq.c}, {@code freq_table.c}): frequencies in kHz, each of
 * {@code scaling_available_frequencies} followed by a space, {@code cpuinfo_cur_freq} root-only,
 * {@code scaling_setspeed} reading {@code <unsupported>} unless the governor is userspace.
 */
final class CpufreqPolicyFiles {

    /** The governors and their order as captured from an ARM board (the XU3's own list is unknown). */
    static final String GOVERNORS = "conservative ondemand userspace powersave interactive performance \n";
    /** The governor the tree starts with; an assumption (no XU3 or Nano capture names the default). */
    static final String DEFAULT_GOVERNOR = "ondemand";

    private final Path root;
    private final EmulatedUnit unit;
    private final Path dir;

    CpufreqPolicyFiles(Path root, EmulatedUnit unit) {
        this.root = root;
        this.unit = unit;
        this.dir = root.resolve("sys/devices/system/cpu/cpufreq").resolve(unit.cpufreqPolicy());
    }

    void create() throws IOException {
        String cpus = unit.cpus().stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n";
        String available = Arrays.stream(unit.frequenciesKHz()).mapToObj(f -> f + " ").collect(Collectors.joining()) + "\n";
        SysfsFiles.write(dir.resolve("affected_cpus"), cpus, "0444");
        SysfsFiles.write(dir.resolve("related_cpus"), cpus, "0444");
        SysfsFiles.write(dir.resolve("cpuinfo_min_freq"), unit.minKHz() + "\n", "0444");
        SysfsFiles.write(dir.resolve("cpuinfo_max_freq"), unit.maxKHz() + "\n", "0444");
        SysfsFiles.write(dir.resolve("cpuinfo_cur_freq"), unit.maxKHz() + "\n", "0400");
        SysfsFiles.write(dir.resolve("cpuinfo_transition_latency"), "140000\n", "0444");
        SysfsFiles.write(dir.resolve("scaling_available_frequencies"), available, "0444");
        SysfsFiles.write(dir.resolve("scaling_available_governors"), GOVERNORS, "0444");
        SysfsFiles.write(dir.resolve("scaling_driver"), "cpufreq-dt\n", "0444");
        SysfsFiles.write(dir.resolve("scaling_cur_freq"), unit.maxKHz() + "\n", "0444");
        SysfsFiles.write(dir.resolve("scaling_governor"), DEFAULT_GOVERNOR + "\n", "0644");
        SysfsFiles.write(dir.resolve("scaling_min_freq"), unit.minKHz() + "\n", "0644");
        SysfsFiles.write(dir.resolve("scaling_max_freq"), unit.maxKHz() + "\n", "0644");
        SysfsFiles.write(dir.resolve("scaling_setspeed"), "<unsupported>\n", "0644");
        for (int cpu : unit.cpus()) {
            SysfsFiles.link(root.resolve("sys/devices/system/cpu/cpu" + cpu + "/cpufreq"), dir);
        }
    }

    /**
     * The frequency the emulated kernel runs the policy at, from what was written to its files:
     * the userspace governor's setspeed, else the top of the [min, max] window while busy and its
     * bottom while idle (powersave always the bottom, performance always the top).
     */
    long effectiveKHz(boolean busy) {
        long min = clamp(parse(SysfsFiles.read(dir.resolve("scaling_min_freq")), unit.minKHz()));
        long max = clamp(parse(SysfsFiles.read(dir.resolve("scaling_max_freq")), unit.maxKHz()));
        if (min > max) {
            min = max;
        }
        String governor = trimmed(SysfsFiles.read(dir.resolve("scaling_governor")), DEFAULT_GOVERNOR);
        return switch (governor) {
            case "userspace" -> Math.max(min, Math.min(max, snap(parse(SysfsFiles.read(dir.resolve("scaling_setspeed")), max))));
            case "powersave" -> min;
            case "performance" -> max;
            default -> busy ? max : min;
        };
    }

    /** Shows {@code khz} as the current frequency, and setspeed as the kernel would. */
    void show(long khz) throws IOException {
        String value = khz + "\n";
        if (!value.equals(SysfsFiles.read(dir.resolve("scaling_cur_freq")))) {
            SysfsFiles.update(dir.resolve("scaling_cur_freq"), value);
            SysfsFiles.update(dir.resolve("cpuinfo_cur_freq"), value);
        }
        String governor = trimmed(SysfsFiles.read(dir.resolve("scaling_governor")), DEFAULT_GOVERNOR);
        if (!governor.equals("userspace") && !"<unsupported>\n".equals(SysfsFiles.read(dir.resolve("scaling_setspeed")))) {
            SysfsFiles.update(dir.resolve("scaling_setspeed"), "<unsupported>\n");
        }
    }

    /**
     * The lowest available frequency at or above {@code khz}: the userspace governor asks the
     * driver with CPUFREQ_RELATION_L.
     */
    private long snap(long khz) {
        for (long f : unit.frequenciesKHz()) {
            if (f >= khz) {
                return f;
            }
        }
        return unit.maxKHz();
    }

    private long clamp(long khz) {
        return Math.max(unit.minKHz(), Math.min(unit.maxKHz(), khz));
    }

    private static long parse(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String trimmed(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }
}
