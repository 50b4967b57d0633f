package org.dynnd.sensors.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.discovery.DiscoveryOptions;
import org.dynnd.sensors.discovery.SensorDiscovery;
import org.dynnd.sensors.fixtures.ManualClock;
import org.dynnd.sensors.fixtures.RaplFixture;
import org.dynnd.sensors.fixtures.ScriptedSensor;
import org.dynnd.sensors.fixtures.Xu3Fixture;
import org.dynnd.sensors.sysfs.FailingReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault of a rail: the sample is marked invalid with its reason, the other rails and the
 * sampler go on, a gap is not a zero, and the rail is used again when it comes back.
 */
class FaultsTest {
    private static final long PERIOD = 300_000_000L; // longer than the INA231's 263.808 ms
    @TempDir
    Path root;
    private Xu3Fixture xu3;
    private final FailingReader reader = new FailingReader();
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private EnergyMeter meter;
    private String a15;

    @BeforeEach
    void board() {
        xu3 = Xu3Fixture.build(root, 3, true);
        a15 = xu3.dir(Xu3Fixture.ARM) + "/sensor_W";
        List<PowerSensor> sensors = new SensorDiscovery(root, reader, node -> {
            throw new IOException("no I2C here");
        }).discover(DiscoveryOptions.defaults()).sensors();
        meter = new EnergyMeter(sensors, new MeterConfig(PERIOD, 64, List.of(), Optional.empty(), Map.of()), clock);
        xu3.fs().set(a15, "2.000000\n");
    }

    private Status round() {
        meter.sampleOnce();
        clock.advance(PERIOD);
        return meter.latest("a15").orElseThrow().status();
    }

    private void assertOthersFine() {
        for (String rail : List.of("mem", "gpu", "a7")) {
            assertThat(meter.latest(rail).orElseThrow().status()).as(rail).isEqualTo(Status.OK);
        }
    }

    private void assertComesBack() {
        xu3.fs().set(a15, "2.000000\n");
        assertThat(round()).isEqualTo(Status.OK);
        assertThat(meter.latestWatts("a15")).isEqualTo(2.0);
    }

    @Test
    void aVanishedFileIsMissingAndIsReadAgainWhenItReturns() {
        round();
        xu3.fs().delete(a15);
        assertThat(round()).isEqualTo(Status.MISSING);
        assertThat(meter.latestWatts("a15")).isNaN();
        assertOthersFine();
        xu3.fs().file(a15, "2.000000\n", "0444");
        assertComesBack();
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsAnIoError() throws IOException {
        xu3.fs().delete(a15);
        Files.createDirectory(root.resolve(a15));
        assertThat(round()).isEqualTo(Status.IO_ERROR);
        assertOthersFine();
        Files.delete(root.resolve(a15));
        xu3.fs().file(a15, "2.000000\n", "0444");
        assertComesBack();
    }

    @Test
    void eioFromTheDriverIsAnIoError() {
        reader.eio(root.resolve(a15));
        assertThat(round()).isEqualTo(Status.IO_ERROR);
        assertOthersFine();
        reader.heal(root.resolve(a15));
        assertComesBack();
    }

    @Test
    void emptyGarbageNegativeAndAbsurdValuesAreNamed() {
        Map<String, Status> cases = Map.of(
                "", Status.EMPTY,
                "abc\n", Status.GARBAGE,
                "1.5 W\n", Status.GARBAGE,
                "-0.500000\n", Status.NEGATIVE,
                "99999.000000\n", Status.ABSURD);
        cases.forEach((content, expected) -> {
            xu3.fs().set(a15, content);
            assertThat(round()).as("\"%s\"", content).isEqualTo(expected);
            assertThat(meter.latest("a15").orElseThrow().value()).isNaN();
            assertOthersFine();
            assertComesBack();
        });
    }

    @Test
    void aGapIsNotAZero() {
        long t0 = clock.getAsLong();
        round(); // 2 W
        xu3.fs().set(a15, "garbage\n");
        round();
        round();
        xu3.fs().set(a15, "0.000000\n");
        round(); // 0 W, valid
        round();
        long t1 = clock.getAsLong() - PERIOD; // the last sample
        Integral e = meter.energy("a15", t0, t1);
        // Samples at 0, 1, 2, 3, 4 periods: 2 W, fault, fault, 0 W, 0 W. Only [3, 4] is covered, at 0 W.
        assertThat(e.coveredNanos()).isEqualTo(PERIOD);
        assertThat(e.gapNanos()).isEqualTo(3 * PERIOD);
        assertThat(e.joules()).isZero();
        assertThat(e.averageWatts()).isZero();
        assertThat(e.complete()).isFalse();
        Integral gapOnly = meter.energy("a15", t0, t0 + 3 * PERIOD);
        assertThat(gapOnly.coveredNanos()).isZero();
        assertThat(gapOnly.averageWatts()).isNaN();
    }

    @Test
    void aSensorThatThrowsIsContainedAndTheOthersAreStillRead() {
        int[] calls = {0};
        PowerSensor throwing = new ScriptedSensor("flaky", out -> {
            if (++calls[0] % 2 == 1) {
                throw new UncheckedIOException(new IOException("driver exploded"));
            }
            out.ok(0, 1.0);
        });
        PowerSensor arm = new SensorDiscovery(root).discover(DiscoveryOptions.defaults()).sensors().get(0);
        EnergyMeter m = new EnergyMeter(List.of(throwing, arm), new MeterConfig(PERIOD, 8, List.of(),
                Optional.empty(), Map.of()), clock);
        m.sampleOnce();
        clock.advance(PERIOD);
        m.sampleOnce();
        assertThat(m.samples("flaky")).extracting(Sample::status).containsExactly(Status.INTERNAL_ERROR, Status.OK);
        assertThat(m.samples("a15")).extracting(Sample::status).containsExactly(Status.OK, Status.OK);
        assertThat(m.rounds()).isEqualTo(2);
    }

    @Test
    void countersThatWrapOrGoBackwardsAreMarked(@TempDir Path x86) {
        RaplFixture rapl = RaplFixture.build(x86);
        EnergyMeter m = new EnergyMeter(new SensorDiscovery(x86).discover(DiscoveryOptions.defaults()).sensors(),
                new MeterConfig(PERIOD, 16, List.of("package-0"), Optional.empty(), Map.of()), clock);
        long t0 = clock.getAsLong();
        rapl.energy(RaplFixture.PACKAGE, RaplFixture.RANGE_UJ - 3_000_000); // 3 J before the top
        m.sampleOnce();
        clock.advance(PERIOD);
        rapl.energy(RaplFixture.PACKAGE, 3_000_000); // +6 J across the wrap
        m.sampleOnce();
        clock.advance(PERIOD);
        rapl.energy(RaplFixture.PACKAGE, 1_000_000); // 2 J back: a wrap cannot explain it
        m.sampleOnce();
        clock.advance(PERIOD);
        rapl.energy(RaplFixture.PACKAGE, 7_000_000); // +6 J after re-anchoring
        m.sampleOnce();
        assertThat(m.samples("package-0")).extracting(Sample::status)
                .containsExactly(Status.OK, Status.WRAPPED, Status.COUNTER_BACKWARDS, Status.OK);
        Integral e = m.energy("package-0", t0, clock.getAsLong());
        assertThat(e.joules()).isEqualTo(12.0);
        assertThat(e.coveredNanos()).isEqualTo(2 * PERIOD);
        assertThat(e.gapNanos()).isEqualTo(PERIOD);
    }

    @Test
    void aCounterJumpingFasterThanAnyRailCanDrawIsAbsurd(@TempDir Path x86) {
        RaplFixture rapl = RaplFixture.build(x86);
        EnergyMeter m = new EnergyMeter(new SensorDiscovery(x86).discover(DiscoveryOptions.defaults()).sensors(),
                new MeterConfig(PERIOD, 16, List.of("psys"), Optional.empty(), Map.of(), 500), clock);
        long t0 = clock.getAsLong();
        rapl.energy(RaplFixture.PSYS, 10_000_000);
        m.sampleOnce();
        clock.advance(PERIOD);
        rapl.energy(RaplFixture.PSYS, 10_000_000_000L); // +9990 J in 0.3 s: 33 kW
        m.sampleOnce();
        clock.advance(PERIOD);
        rapl.energy(RaplFixture.PSYS, 10_003_000_000L); // +3 J: 10 W
        m.sampleOnce();
        assertThat(m.samples("psys")).extracting(Sample::status)
                .containsExactly(Status.OK, Status.ABSURD, Status.OK);
        Integral e = m.energy("psys", t0, clock.getAsLong());
        assertThat(e.joules()).isEqualTo(3.0);
        assertThat(e.gapNanos()).isEqualTo(PERIOD);
    }

    @Test
    void aCounterBridgesAFailedReadBecauseItKeptCounting(@TempDir Path x86) {
        RaplFixture rapl = RaplFixture.build(x86);
        FailingReader failing = new FailingReader();
        EnergyMeter m = new EnergyMeter(new SensorDiscovery(x86, failing, n -> {
            throw new IOException("none");
        }).discover(DiscoveryOptions.defaults()).sensors(),
                new MeterConfig(PERIOD, 16, List.of("psys"), Optional.empty(), Map.of()), clock);
        long t0 = clock.getAsLong();
        Path counter = x86.resolve("sys/class/powercap/intel-rapl:1/energy_uj");
        rapl.energy(RaplFixture.PSYS, 10_000_000);
        m.sampleOnce();
        clock.advance(PERIOD);
        failing.eio(counter);
        m.sampleOnce();
        clock.advance(PERIOD);
        failing.heal(counter);
        rapl.energy(RaplFixture.PSYS, 16_000_000);
        m.sampleOnce();
        assertThat(m.samples("psys")).extracting(Sample::status)
                .containsExactly(Status.OK, Status.IO_ERROR, Status.OK);
        Integral e = m.energy("psys", t0, clock.getAsLong());
        assertThat(e.joules()).isEqualTo(6.0);
        assertThat(e.complete()).isTrue();
    }
}
