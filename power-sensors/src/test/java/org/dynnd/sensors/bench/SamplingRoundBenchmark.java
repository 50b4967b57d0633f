package org.dynnd.sensors.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.discovery.DiscoveryOptions;
import org.dynnd.sensors.discovery.SensorDiscovery;
import org.dynnd.sensors.fixtures.ManualClock;
import org.dynnd.sensors.fixtures.ScriptedSensor;
import org.dynnd.sensors.fixtures.Xu3Fixture;
import org.dynnd.sensors.meter.EnergyMeter;
import org.dynnd.sensors.meter.MeterConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One sampling round of the XU3's four INA231 rails (the fake sysfs tree in a temporary folder),
 * against references measured in the same run: a bare {@code Files.readString} of each of the
 * four files, and the same round with sensors that do no I/O (the meter's own cost).
 * SampleTime mode, so JMH prints the median (p0.50).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SamplingRoundBenchmark {
    private static final long ROUND = 300_000_000L; // longer than the INA231's 263.808 ms refresh

    private Path root;
    private final ManualClock clock = new ManualClock(0);
    private final ManualClock bareClock = new ManualClock(0);
    private EnergyMeter meter;
    private EnergyMeter bare;
    private List<Path> files;

    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("dynnd-bench");
        Xu3Fixture xu3 = Xu3Fixture.build(root, 3, true);
        List<PowerSensor> sensors = new SensorDiscovery(root).discover(DiscoveryOptions.defaults()).sensors();
        MeterConfig config = new MeterConfig(ROUND, 4096, List.of(), Optional.empty(), Map.of());
        meter = new EnergyMeter(sensors, config, clock);
        files = new ArrayList<>();
        for (Xu3Fixture.Chip c : Xu3Fixture.CHIPS) {
            files.add(root.resolve(xu3.dir(c)).resolve("sensor_W"));
        }
        List<PowerSensor> noIo = new ArrayList<>();
        for (String rail : List.of("a15", "mem", "gpu", "a7")) {
            noIo.add(new ScriptedSensor(rail, out -> out.ok(0, 0.518144)));
        }
        bare = new EnergyMeter(noIo, config, bareClock);
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** What the sampler thread does each period: read, parse and record the four rails. */
    @Benchmark
    public long samplingRoundFourIna231Rails() {
        clock.advance(ROUND);
        meter.sampleOnce();
        return meter.rounds();
    }

    /** Reference: the same four files read with one bare {@code Files.readString} each. */
    @Benchmark
    public int referenceReadStringFourFiles() throws IOException {
        int n = 0;
        for (Path f : files) {
            n += Files.readString(f).length();
        }
        return n;
    }

    /** Reference: the meter's own cost, with four sensors that do no I/O. */
    @Benchmark
    public long samplingRoundWithoutIo() {
        bareClock.advance(ROUND);
        bare.sampleOnce();
        return bare.rounds();
    }
}
