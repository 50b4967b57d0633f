package org.dynnd.sensors.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.discovery.DiscoveryOptions;
import org.dynnd.sensors.discovery.SensorDiscovery;
import org.dynnd.sensors.fixtures.ManualClock;
import org.dynnd.sensors.fixtures.NanoFixture;
import org.dynnd.sensors.fixtures.RaplFixture;
import org.dynnd.sensors.fixtures.Xu3Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures whose values follow a known power profile over time; the meter's energy must match the
 * analytic integral within 0.5 %.
 */
class IntegrationTest {
    private static final long MS = 1_000_000L;
    private static final long START = 5_000_000_000L;

    @TempDir
    Path root;

    /** A15 power: 2 W + 1.5 W sin(2 pi t / 5 s), t in seconds since START. */
    private static final DoubleUnaryOperator BIG = t -> 2 + 1.5 * Math.sin(2 * Math.PI * t / 5);
    /** Its integral from 0 to t. */
    private static final DoubleUnaryOperator BIG_ENERGY = t -> 2 * t + 1.5 * 5 / (2 * Math.PI)
            * (1 - Math.cos(2 * Math.PI * t / 5));

    @Test
    void ina231EnergyMatchesTheAnalyticProfile() {
        Xu3Fixture xu3 = Xu3Fixture.build(root, 0, true);
        ManualClock clock = new ManualClock(START);
        MeterConfig config = new MeterConfig(100 * MS, 2048, List.of("a15", "a7", "gpu", "mem"), Optional.empty(),
                Map.of("big", List.of("a15"), "little", List.of("a7"), "gpu", List.of("gpu"), "mem", List.of("mem")));
        EnergyMeter meter = new EnergyMeter(new SensorDiscovery(root).discover(DiscoveryOptions.defaults()).sensors(),
                config, clock);
        for (int round = 0; round <= 600; round++) { // 60 s
            double t = (clock.getAsLong() - START) / 1e9;
            xu3.watts(Xu3Fixture.ARM, Math.round(BIG.applyAsDouble(t) * 1e6));
            xu3.watts(Xu3Fixture.KFC, 300_000 + Math.round(10_000 * t)); // a ramp: 0.3 W + 0.01 W/s
            meter.sampleOnce();
            clock.advance(100 * MS);
        }
        // The driver refreshes every 263.808 ms, so with a 100 ms period each chip is read every
        // third round: 201 samples over 60 s, not 601.
        assertThat(meter.samples("a15")).hasSize(201);

        double t0 = 1.37;
        double t1 = 47.9;
        Integral big = meter.energy("a15", START + (long) (t0 * 1e9), START + (long) (t1 * 1e9));
        double analytic = BIG_ENERGY.applyAsDouble(t1) - BIG_ENERGY.applyAsDouble(t0);
        assertThat(big.complete()).isTrue();
        assertThat(big.joules()).isCloseTo(analytic, within(0.005 * analytic));
        assertThat(big.averageWatts()).isCloseTo(analytic / (t1 - t0), within(0.005 * analytic / (t1 - t0)));

        // One "inference" of 0.25 s inside the run, attributed per compute unit.
        Attribution a = meter.attribute(START + 20_010 * MS, START + 20_260 * MS);
        double little = 0.25 * (0.3 + 0.01 * (20.01 + 20.26) / 2);
        assertThat(a.units().get("little").joules()).isCloseTo(little, within(0.005 * little));
        double bigShare = BIG_ENERGY.applyAsDouble(20.26) - BIG_ENERGY.applyAsDouble(20.01);
        assertThat(a.units().get("big").joules()).isCloseTo(bigShare, within(0.005 * bigShare));
        assertThat(a.rails()).containsOnlyKeys("a15", "a7", "gpu", "mem");
        assertThat(a.total()).isEmpty(); // the XU3 has no whole-board sensor
    }

    @Test
    void raplEnergyMatchesTheAnalyticProfileAcrossACounterWrap() {
        RaplFixture rapl = RaplFixture.build(root);
        ManualClock clock = new ManualClock(START);
        EnergyMeter meter = new EnergyMeter(new SensorDiscovery(root).discover(DiscoveryOptions.defaults()).sensors(),
                new MeterConfig(250 * MS, 1024, List.of("package-0"), Optional.of("package-0"), Map.of()), clock);
        // 20 W + 8 W sin(2 pi t / 7 s); the counter starts 300 J below max_energy_range_uj.
        DoubleUnaryOperator energy = t -> 20 * t + 8 * 7 / (2 * Math.PI) * (1 - Math.cos(2 * Math.PI * t / 7));
        long start = RaplFixture.RANGE_UJ - 300_000_000L;
        for (int round = 0; round <= 160; round++) { // 40 s, about 800 J: wraps once near t = 15 s
            double t = (clock.getAsLong() - START) / 1e9;
            long counter = (start + Math.round(energy.applyAsDouble(t) * 1e6)) % RaplFixture.RANGE_UJ;
            rapl.energy(RaplFixture.PACKAGE, counter);
            meter.sampleOnce();
            clock.advance(250 * MS);
        }
        assertThat(meter.samples("package-0")).extracting(Sample::status).containsOnlyOnce(Status.WRAPPED)
                .doesNotContain(Status.COUNTER_BACKWARDS);
        double t0 = 3.1;
        double t1 = 33.3;
        Integral e = meter.attribute(START + (long) (t0 * 1e9), START + (long) (t1 * 1e9)).total().orElseThrow();
        double analytic = energy.applyAsDouble(t1) - energy.applyAsDouble(t0);
        assertThat(e.joules()).isCloseTo(analytic, within(0.005 * analytic));
        assertThat(e.complete()).isTrue();
    }

    @Test
    void theNanoTotalRailIsNamedByConfiguration() {
        NanoFixture nano = NanoFixture.build(root);
        ManualClock clock = new ManualClock(START);
        EnergyMeter meter = new EnergyMeter(new SensorDiscovery(root).discover(DiscoveryOptions.defaults()).sensors(),
                new MeterConfig(500 * MS, 64, List.of(), Optional.of("POM_5V_IN"),
                        Map.of("cpu", List.of("POM_5V_CPU"), "gpu", List.of("POM_5V_GPU"))), clock);
        double[] watts = new double[5];
        for (int i = 0; i < 5; i++) {
            watts[i] = nano.channel(0, 4992, 187 + 100 * i) / 1e3; // mV * mA / 1000, truncated
            meter.sampleOnce();
            clock.advance(500 * MS);
        }
        Attribution a = meter.attribute(START, START + 2000 * MS);
        // POM_5V_IN: 933, 1432, 1931, 2431, 2930 mW at 0.5 s steps: trapezoids.
        assertThat(watts).containsExactly(0.933, 1.432, 1.931, 2.431, 2.930);
        double expected = 0;
        for (int i = 1; i < 5; i++) {
            expected += 0.5 * (watts[i - 1] + watts[i]) / 2;
        }
        assertThat(a.total().orElseThrow().joules()).isCloseTo(expected, within(1e-9));
        assertThat(a.units().get("cpu").joules()).isCloseTo(0.084 * 2, within(1e-9));
    }
}
