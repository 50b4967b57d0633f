package org.dynnd.sensors.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.fixtures.ScriptedSensor;
import org.junit.jupiter.api.Test;

/** The sampler thread survives anything a sensor does. Waits for progress, asserts no timing. */
class SamplerThreadTest {

    private static PowerSensor hostile(AtomicInteger calls) {
        return new ScriptedSensor("hostile", out -> {
            int n = calls.incrementAndGet();
            if (n % 3 == 1) {
                throw new IllegalStateException("bus exploded");
            }
            if (n % 3 == 2) {
                throw new UnsatisfiedLinkError("a native library went away");
            }
            out.ok(0, 3.0);
        });
    }

    @Test
    void keepsSamplingWhenASensorThrows() {
        AtomicInteger calls = new AtomicInteger();
        EnergyMeter meter = new EnergyMeter(List.of(hostile(calls)),
                new MeterConfig(1_000_000L, 256, List.of(), Optional.empty(), Map.of()), System::nanoTime);
        meter.start();
        try {
            long deadline = System.nanoTime() + 30_000_000_000L; // a safety net, not a timing assertion
            while (meter.rounds() < 10 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000L);
            }
        } finally {
            meter.close();
        }
        assertThat(meter.rounds()).isGreaterThanOrEqualTo(10);
        assertThat(meter.samples("hostile")).extracting(Sample::status).contains(Status.OK, Status.INTERNAL_ERROR);
        long after = meter.rounds();
        assertThat(calls.get()).isEqualTo(after);
    }
}
