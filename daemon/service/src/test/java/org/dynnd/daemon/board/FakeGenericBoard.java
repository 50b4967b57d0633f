package org.dynnd.daemon.board;

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
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The sysfs tree of a two-policy x86 machine the governor has no model of (platform {@code generic}), for the
 * report's tests and it-tests' GenericBoardIT: acpi-cpufreq's files for one policy per CPU of this 2-CPU host, and
 * RAPL package and core zones whose energy_uj counters hold the energy a known power has drawn up to the latest
 * reading of the board's clock. File contents follow the kernel's formats (boards/x86-rapl.yaml and acpi-cpufreq's
 * sysfs: descending frequency list with a trailing space).
 *
 * <p>The counters are a function of the clock, not of how often a thread got to run: code under test that is given
 * {@link #clock()} finds them current whenever it reads the clock, so the energy the sensors read between two of
 * their time stamps is the power times the time between them. A daemon in another process cannot be given the
 * clock: {@link #startCounterThread()} brings the counters up to date every few milliseconds instead.
 */
public final class FakeGenericBoard implements AutoCloseable {

    public static final String CPUFREQ = "sys/devices/system/cpu/cpufreq";
    public static final String RAPL = "sys/devices/virtual/powercap/intel-rapl";
    /** The package draws 6 W, its core zone 4 W of them: the board is 6 W, not 10. */
    public static final double PACKAGE_W = 6.0;
    public static final double CORE_W = 4.0;
    /** The counters' update interval, as RAPL's own (about 1 ms): a clock read sooner after an update leaves them. */
    static final long UPDATE_NANOS = 1_000_000;
    /** How often {@link #startCounterThread()}'s thread brings the counters up to date. */
    static final long THREAD_PERIOD_MS = 5;
    private static final long START_UJ = 1_000_000_000L;

    private final Path root;
    private final boolean rapl;
    private final long startNanos = System.nanoTime();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private long updatedNanos = startNanos - UPDATE_NANOS;
    private ScheduledExecutorService counters;

    private FakeGenericBoard(Path root, boolean rapl) {
        this.root = root;
        this.rapl = rapl;
    }

    /** The tree under {@code root}: cpufreq policies for CPUs 0 and 1, and RAPL counters when {@code rapl}. */
    public static FakeGenericBoard create(Path root, boolean rapl) throws IOException {
        FakeGenericBoard board = new FakeGenericBoard(root, rapl);
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
        }
        return board;
    }

    /**
     * The board's monotonic clock ({@link System#nanoTime}): each reading first brings the counters to the energy
     * drawn until then (unless they were updated within {@link #UPDATE_NANOS}) and notes each policy's governor and
     * set speed as they are now.
     */
    public LongSupplier clock() {
        return this::now;
    }

    /**
     * Starts a thread that reads the clock every {@value #THREAD_PERIOD_MS} ms, for code that cannot be given
     * {@link #clock()} (a daemon in another process, whose {@code System.nanoTime} is the same monotonic clock).
     * Its counters are then up to {@value #THREAD_PERIOD_MS} ms (or as long as the thread waits to run) behind.
     */
    public FakeGenericBoard startCounterThread() {
        counters = Executors.newSingleThreadScheduledExecutor();
        counters.scheduleWithFixedDelay(this::now, THREAD_PERIOD_MS, THREAD_PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized long now() {
        long now = System.nanoTime();
        if (rapl && now - updatedNanos >= UPDATE_NANOS) {
            write(RAPL + "/intel-rapl:0/energy_uj", START_UJ + Math.round(PACKAGE_W * (now - startNanos) / 1e3));
            write(RAPL + "/intel-rapl:0/intel-rapl:0:0/energy_uj", START_UJ + Math.round(CORE_W * (now - startNanos) / 1e3));
            updatedNanos = now;
        }
        watch();
        return now;
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
        Files.writeString(zone.resolve("energy_uj"), START_UJ + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143999938\n");
    }

    private void write(String file, long uj) {
        try {
            Path p = root.resolve(file);
            Path next = p.resolveSibling(".energy_uj.next");
            Files.writeString(next, uj + "\n");
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
                // Mid-write: the next reading of the clock sees it.
            }
        }
    }

    /** Every "policyN governor setspeed" seen, one look per reading of the clock. */
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

    /** Stops the counter thread, if started, and waits for an update in progress (it could write into a folder being deleted). */
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
