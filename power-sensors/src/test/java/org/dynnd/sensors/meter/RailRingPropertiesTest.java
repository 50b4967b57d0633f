package org.dynnd.sensors.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Status;

class RailRingPropertiesTest {

    @Property
    void constantPowerGivesPowerTimesCoveredTime(
            @ForAll @DoubleRange(min = 0, max = 100) double watts,
            @ForAll @Size(min = 2, max = 60) List<@LongRange(min = 1, max = 2_000_000_000L) Long> steps,
            @ForAll @Size(min = 60, max = 60) List<Boolean> faults) {
        RailRing ring = new RailRing(Quantity.POWER, 128);
        long t = 1_000;
        for (int i = 0; i < steps.size(); i++) {
            if (faults.get(i)) {
                ring.append(t, Double.NaN, Status.IO_ERROR);
            } else {
                ring.append(t, watts, Status.OK);
            }
            t += steps.get(i);
        }
        long end = t - steps.get(steps.size() - 1);
        Integral e = ring.integrate(0, end + 5_000);
        assertThat(e.coveredNanos() + e.gapNanos()).isEqualTo(end + 5_000);
        assertThat(e.joules()).isCloseTo(watts * e.coveredNanos() / 1e9, within(1e-9 * Math.max(1, e.joules())));
    }

    @Property
    void integrationIsAdditiveOverAdjacentIntervals(
            @ForAll @Size(min = 2, max = 50) List<@DoubleRange(min = 0, max = 50) Double> watts,
            @ForAll @LongRange(min = 1_000_000, max = 1_000_000_000) long step,
            @ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b) {
        RailRing ring = new RailRing(Quantity.POWER, 64);
        for (int i = 0; i < watts.size(); i++) {
            ring.append(i * step, watts.get(i), Status.OK);
        }
        long span = (watts.size() - 1) * step;
        long t0 = (long) (Math.min(a, b) * span);
        long t2 = (long) (Math.max(a, b) * span) + 2;
        long t1 = (t0 + t2) / 2;
        double whole = ring.integrate(t0, t2).joules();
        double parts = ring.integrate(t0, t1).joules() + ring.integrate(t1, t2).joules();
        assertThat(parts).isCloseTo(whole, within(1e-9 * Math.max(1, whole)));
    }

    @Property
    void linearPowerIsIntegratedExactly(
            @ForAll @DoubleRange(min = 0, max = 20) double p0,
            @ForAll @DoubleRange(min = -0.1, max = 0.1) double slopePerSecond,
            @ForAll @IntRange(min = 2, max = 200) int samples) {
        RailRing ring = new RailRing(Quantity.POWER, 256);
        long step = 263_808_000L;
        for (int i = 0; i < samples; i++) {
            double t = i * step / 1e9;
            ring.append(i * step, Math.max(0, p0 + slopePerSecond * t), Status.OK);
        }
        if (p0 + slopePerSecond * (samples - 1) * step / 1e9 < 0) {
            return; // clipped at zero: no longer linear
        }
        double seconds = (samples - 1) * step / 1e9;
        double analytic = p0 * seconds + slopePerSecond * seconds * seconds / 2;
        assertThat(ring.integrate(0, (samples - 1) * step).joules())
                .isCloseTo(analytic, within(1e-9 * Math.max(1, analytic)));
    }

    @Property
    void theRingKeepsTheNewestSamples(@ForAll @IntRange(min = 1, max = 300) int appended) {
        RailRing ring = new RailRing(Quantity.POWER, 100);
        for (int i = 0; i < appended; i++) {
            ring.append(i, i, Status.OK);
        }
        assertThat(ring.size()).isEqualTo(Math.min(appended, 100));
        assertThat(ring.get(0).nanos()).isEqualTo(Math.max(0, appended - 100));
        assertThat(ring.latest().value()).isEqualTo(appended - 1);
    }
}
