package org.dynnd.governor.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake sysfs trees for the actuator tests, with file contents copied byte for byte from the
 * board notes, and an {@link SysfsIo} that behaves like the kernel where a plain file cannot:
 * injected errnos, and EINVAL for a cpufreq/devfreq minimum above the maximum.
 */
final class FakeSysfs implements SysfsIo {

    // Source: boards/odroid-xu3.yaml, cpufreq.frequencies_kHz.mainline_xu3 (torvalds/linux exynos5420.dtsi,
    // exynos5800.dtsi); the list format "each value followed by one space, then \n" is
    // cpufreq.files_in_policy_dir.scaling_available_frequencies (drivers/cpufreq/freq_table.c).
    static final String XU3_A7_FREQS =
            "200000 300000 400000 500000 600000 700000 800000 900000 1000000 1100000 1200000 1300000 1400000 \n";
    static final String XU3_A15_FREQS = "200000 300000 400000 500000 600000 700000 800000 900000 1000000 1100000 "
            + "1200000 1300000 1400000 1500000 1600000 1700000 1800000 1900000 2000000 \n";
    // Source: boards/odroid-xu3.yaml, cpufreq.governors.note: a captured fixture of another ARM device (the
    // XU3's own list is unknown), with the kernel's trailing space.
    static final String GOVERNORS_WITH_USERSPACE = "conservative ondemand userspace powersave interactive performance \n";
    // A kernel built without the userspace governor: the same list without it.
    static final String GOVERNORS_WITHOUT_USERSPACE = "conservative ondemand powersave interactive performance \n";
    // Source: boards/odroid-xu3.yaml, scaling_setspeed: reads "<unsupported>\n" unless the governor is userspace.
    static final String UNSUPPORTED = "<unsupported>\n";
    // Source: boards/jetson-nano.yaml, gpu.available_frequencies_Hz.common_12, devfreq dir
    // /sys/devices/57000000.gpu/devfreq/57000000.gpu/ (trailing-space behaviour unknown: none here).
    static final String NANO_GPU_FREQS = "76800000 153600000 230400000 307200000 384000000 460800000 537600000 "
            + "614400000 691200000 768000000 844800000 921600000\n";

    private final Map<String, Errno> faults = new HashMap<>();
    final List<String> writes = new ArrayList<>();

    /** Makes every write to a file named {@code name} fail with {@code errno}. */
    FakeSysfs fail(String name, Errno errno) {
        faults.put(name, errno);
        return this;
    }

    static Path xu3Policy(Path root, String policy, String freqs, String governors, String governor, String min,
            String max) throws IOException {
        Path dir = CpufreqKnob.policyDir(root, policy);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("scaling_available_frequencies"), freqs);
        Files.writeString(dir.resolve("scaling_available_governors"), governors);
        Files.writeString(dir.resolve("scaling_governor"), governor);
        Files.writeString(dir.resolve("scaling_min_freq"), min);
        Files.writeString(dir.resolve("scaling_max_freq"), max);
        Files.writeString(dir.resolve("scaling_setspeed"), UNSUPPORTED);
        Files.writeString(dir.resolve("affected_cpus"), policy.equals("policy0") ? "0 1 2 3\n" : "4 5 6 7\n");
        return dir;
    }

    static Path nanoGpu(Path root) throws IOException {
        Path dir = root.resolve("sys/devices/57000000.gpu/devfreq/57000000.gpu");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("available_frequencies"), NANO_GPU_FREQS);
        Files.writeString(dir.resolve("min_freq"), "76800000\n");
        Files.writeString(dir.resolve("max_freq"), "921600000\n");
        return dir;
    }

    /** Every regular file under {@code root} and its bytes, to compare trees before and after. */
    static Map<Path, String> contents(Path root) throws IOException {
        Map<Path, String> all = new LinkedHashMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    all.put(root.relativize(p), Files.readString(p));
                }
            }
        }
        return all;
    }

    @Override
    public String read(Path path) throws KnobException {
        return FILES.read(path);
    }

    @Override
    public void write(Path path, String value) throws KnobException {
        String name = path.getFileName().toString();
        Errno fault = faults.get(name);
        if (fault != null) {
            throw new KnobException(path.toString(), fault, "injected");
        }
        boolean isMin = name.equals("scaling_min_freq") || name.equals("min_freq");
        boolean isMax = name.equals("scaling_max_freq") || name.equals("max_freq");
        if (isMin || isMax) {
            Path other = path.resolveSibling(isMin ? name.replace("min", "max") : name.replace("max", "min"));
            long v = Long.parseLong(value.strip());
            long o = Long.parseLong(read(other).strip());
            if (isMin ? v > o : v < o) {
                throw new KnobException(path.toString(), Errno.EINVAL, "min above max");
            }
        }
        writes.add(name + "=" + value.strip());
        FILES.write(path, value);
    }
}
