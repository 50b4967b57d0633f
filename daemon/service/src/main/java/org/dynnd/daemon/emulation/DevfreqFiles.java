package org.dynnd.daemon.emulation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An emulated GPU devfreq device as the kernel's devfreq core shows it: frequencies in Hz,
 * {@code available_frequencies} space-separated without a trailing space, {@code min_freq} and
 * {@code max_freq} writable, {@code cur_freq} following them, and a {@code /sys/class/devfreq} link.
 */
final class DevfreqFiles {

    /** L4T's load-based GPU governor; the default on the Nano is not documented (an assumption). */
    static final String DEFAULT_GOVERNOR = "nvhost_podgov";

    private final Path root;
    private final EmulatedUnit unit;
    private final Path dir;

    DevfreqFiles(Path root, EmulatedUnit unit) {
        this.root = root;
        this.unit = unit;
        this.dir = root.resolve(unit.devfreq());
    }

    void create() throws IOException {
        String available = Arrays.stream(unit.frequenciesKHz()).mapToObj(f -> Long.toString(f * 1000))
                .collect(Collectors.joining(" ")) + "\n";
        SysfsFiles.write(dir.resolve("available_frequencies"), available, "0444");
        SysfsFiles.write(dir.resolve("available_governors"),
                "wmark_active wmark_simple nvhost_podgov userspace performance simple_ondemand\n", "0444");
        SysfsFiles.write(dir.resolve("governor"), DEFAULT_GOVERNOR + "\n", "0644");
        SysfsFiles.write(dir.resolve("cur_freq"), unit.minKHz() * 1000 + "\n", "0444");
        SysfsFiles.write(dir.resolve("min_freq"), unit.minKHz() * 1000 + "\n", "0644");
        SysfsFiles.write(dir.resolve("max_freq"), unit.maxKHz() * 1000 + "\n", "0644");
        SysfsFiles.link(root.resolve("sys/class/devfreq").resolve(dir.getFileName()), dir);
    }

    /** The frequency the GPU runs at: the top of [min_freq, max_freq] while busy, the bottom while idle. */
    long effectiveKHz(boolean busy) {
        long min = clamp(parseHz(SysfsFiles.read(dir.resolve("min_freq")), unit.minKHz()));
        long max = clamp(parseHz(SysfsFiles.read(dir.resolve("max_freq")), unit.maxKHz()));
        if (min > max) {
            min = max;
        }
        String governor = SysfsFiles.read(dir.resolve("governor"));
        boolean performance = governor != null && governor.strip().equals("performance");
        return busy || performance ? max : min;
    }

    void show(long khz) throws IOException {
        String value = khz * 1000 + "\n";
        if (!value.equals(SysfsFiles.read(dir.resolve("cur_freq")))) {
            SysfsFiles.update(dir.resolve("cur_freq"), value);
        }
    }

    private long clamp(long khz) {
        // devfreq rounds a limit to the available frequencies: min up, max down; clamping to the range is enough here.
        return Math.max(unit.minKHz(), Math.min(unit.maxKHz(), khz));
    }

    private static long parseHz(String text, long fallbackKHz) {
        try {
            return text == null ? fallbackKHz : Long.parseLong(text.strip()) / 1000;
        } catch (NumberFormatException e) {
            return fallbackKHz;
        }
    }
}
