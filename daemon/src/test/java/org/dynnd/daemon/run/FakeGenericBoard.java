package org.dynnd.daemon.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sysfs tree of a two-policy x86 machine the governor has no model of (platform
 * {@code generic}), for the report's tests and it-tests' GenericBoardIT: acpi-cpufreq's files for one policy
 * per CPU of this 2-CPU host, and RAPL package and core zones whose energy_uj counters a thread
 * advances at a known power. File contents follow the kernel's formats (boards/x86-rapl.yaml and
 * acpi-cpufreq's sysfs: descending frequency list with a trailing space).
 */
public final class FakeGenericBoard implements AutoCloseable {

    public static final String CPUFREQ = "sys/devices/system/cpu/cpufreq";
    public static final String RAPL = "sys/devices/virtual/powercap/intel-rapl";
    /** The package draws 6 W, its core zone 4 W of them: the board is 6 W, not 10. */
    public static final double PACKAGE_W = 6.0;
    public static final double CORE_W = 4.0;
    static final long TICK_MS = 50;

    private final Path root;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService counters;

    private FakeGenericBoard(Path root) {
        this.root = root;
    }

    /** The tree under {@code root}: cpufreq policies for CPUs 0 and 1, and RAPL counters when {@code rapl}. */
    public static FakeGenericBoard create(Path root, boolean rapl) throws IOException {
        FakeGenericBoard board = new FakeGenericBoard(root);
        for (int cpu = 0; cpu < 2; cpu++) {
            board.policy(cpu);
        }
        if (rapl) {
            board.zone(RAPL + "/intel-rapl:0", "package-0");
            board.zone(RAPL + "/intel-rapl:0/intel-rapl:0:0", "core");
            Files.createDirectories(root.resolve("sys/class/powercap"));
            Files.createSymbolicLink(root.resolve("sys/class/powercap/intel-rapl:0"),
                    Path.of("../../devices/virtual/powercap/intel-rapl/intel-rapl:0"));
            Files.createSymbolicLink(root.resolve("sys/class/powercap/intel-rapl:0:0"),
                    Path.of("../../devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0"));
            board.counters = Executors.newSingleThreadScheduledExecutor();
            board.counters.scheduleAtFixedRate(() -> {
                board.advance(RAPL + "/intel-rapl:0/energy_uj", PACKAGE_W);
                board.advance(RAPL + "/intel-rapl:0/intel-rapl:0:0/energy_uj", CORE_W);
                board.watch();
            }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
        return board;
    }

    public Path root() {
        return root;
    }

    private void policy(int cpu) throws IOException {
        Path dir = root.resolve(CPUFREQ + "/policy" + cpu);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("affected_cpus"), cpu + "\n");
        Files.writeString(dir.resolve("related_cpus"), cpu + "\n");
        Files.writeString(dir.resolve("cpuinfo_min_freq"), "800000\n");
        Files.writeString(dir.resolve("cpuinfo_max_freq"), "2400000\n");
        Files.writeString(dir.resolve("scaling_available_frequencies"), "2400000 1800000 1200000 800000 \n");
        Files.writeString(dir.resolve("scaling_available_governors"), "conservative ondemand userspace powersave performance schedutil \n");
        Files.writeString(dir.resolve("scaling_driver"), "acpi-cpufreq\n");
        Files.writeString(dir.resolve("scaling_governor"), "schedutil\n");
        Files.writeString(dir.resolve("scaling_min_freq"), "800000\n");
        Files.writeString(dir.resolve("scaling_max_freq"), "2400000\n");
        Files.writeString(dir.resolve("scaling_setspeed"), "<unsupported>\n");
    }

    private void zone(String dir, String name) throws IOException {
        Path zone = root.resolve(dir);
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("name"), name + "\n");
        Files.writeString(zone.resolve("energy_uj"), "1000000000\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143999938\n");
    }

    private void advance(String file, double watts) {
        try {
            Path p = root.resolve(file);
            long uj = Long.parseLong(Files.readString(p).strip());
            Path next = p.resolveSibling(".energy_uj.next");
            Files.writeString(next, (uj + Math.round(watts * TICK_MS * 1000)) + "\n");
            Files.move(next, p, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Notes each policy's governor and set speed as they are now. */
    private void watch() {
        for (int cpu = 0; cpu < 2; cpu++) {
            Path dir = root.resolve(CPUFREQ + "/policy" + cpu);
            try {
                seen.add("policy" + cpu + " " + Files.readString(dir.resolve("scaling_governor")).strip() + " "
                        + Files.readString(dir.resolve("scaling_setspeed")).strip());
            } catch (IOException e) {
                // Mid-write: the next tick reads it.
            }
        }
    }

    /** Every "policyN governor setspeed" the counter thread saw, one look per tick. */
    public Set<String> seen() {
        return Set.copyOf(seen);
    }

    /** Every cpufreq file of the tree by path, with its content. */
    public Map<String, String> cpufreqFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve(CPUFREQ))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** Stops the counters and waits for a tick in progress (it could write into a folder being deleted). */
    @Override
    public void close() throws InterruptedException {
        if (counters != null) {
            counters.shutdownNow();
            if (!counters.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the RAPL counter thread did not stop within 10 s");
            }
        }
    }
}
