package org.dynnd.daemon.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dynnd.sensors.ChannelPowerSensor;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.meter.EnergyMeter;
import org.dynnd.sensors.meter.MeterConfig;
import org.junit.jupiter.api.Test;

/**
 * What a calibration window reads: the board's power from the readings taken inside it alone, on
 * a meter the test samples itself at chosen times of a manual clock.
 */
class PowerReadingsTest {

    private static final long MS = 1_000_000;

    private long now;
    private final double[] values = new double[2];

    /** A sensor whose rails show what the test last set, fresh at every read. */
    private PowerSensor sensor(Quantity quantity, String... ids) {
        List<Rail> rails = Arrays.stream(ids)
                .map(id -> new Rail(id, id, quantity, Path.of("/fake/" + id), quantity == Quantity.POWER ? "W" : "J")).toList();
        List<ChannelPowerSensor.ChannelReader> channels = rails.stream()
                .map(r -> (ChannelPowerSensor.ChannelReader) (out, slot) -> out.ok(slot, values[slot])).toList();
        return new ChannelPowerSensor("held", SensorKind.HWMON, Path.of("/fake"), rails, channels, 0, 0);
    }

    private EnergyMeter meter(PowerSensor sensor) {
        return new EnergyMeter(List.of(sensor), new MeterConfig(100 * MS, 64, List.of(), Optional.empty(), Map.of()),
                () -> now);
    }

    private void readAt(EnergyMeter meter, long ms, double... shown) {
        now = ms * MS;
        System.arraycopy(shown, 0, values, 0, shown.length);
        meter.sampleOnce();
    }

    @Test
    void aPowerRailCountsOnlyTheReadingsTakenInTheWindowAndNoneIsNaN() {
        EnergyMeter meter = meter(sensor(Quantity.POWER, "POM_5V_IN"));
        PowerReadings power = new PowerReadings(meter, List.of("POM_5V_IN"), Optional.of("POM_5V_IN"));
        readAt(meter, 0, 2.0); // the operating point before the window's
        long t0 = 100 * MS;
        // An INA3221 reads every 422 ms: a 300 ms window may hold no reading of its own.
        assertThat(power.observedBoardW(t0, 400 * MS)).isNaN();
        readAt(meter, 500, 5.0);
        // The meter's integral leans on the reading before the window (2.6 W interpolated at its start); its own reading is 5 W.
        assertThat(power.over(t0, 500 * MS).boardW()).isCloseTo((2.6 + 5.0) / 2, within(1e-9));
        assertThat(power.observedBoardW(t0, 500 * MS)).isEqualTo(5.0);
        readAt(meter, 900, 7.0);
        assertThat(power.observedBoardW(t0, 950 * MS)).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void aCounterIsItsIncreaseOverItsOwnReadingsAndTheNestedZoneIsNotAdded() {
        EnergyMeter meter = meter(sensor(Quantity.ENERGY, "package-0", "package-0/core"));
        PowerReadings power = new PowerReadings(meter, List.of("package-0", "package-0/core"), Optional.empty());
        readAt(meter, 0, 0.0, 0.0);
        readAt(meter, 100, 0.3, 0.2); // 3 W before the window
        long t0 = 150 * MS;
        readAt(meter, 200, 0.9, 0.6);
        assertThat(power.observedBoardW(t0, 250 * MS)).as("one reading: no interval of its own yet").isNaN();
        readAt(meter, 300, 1.5, 1.0);
        assertThat(power.observedBoardW(t0, 350 * MS)).as("(1.5 - 0.9) J over 100 ms").isCloseTo(6.0, within(1e-9));
    }

    @Test
    void withoutATotalRailTheBoardIsTheSumOfItsRailsReadInTheWindow() {
        EnergyMeter meter = meter(sensor(Quantity.POWER, "arm", "mem"));
        PowerReadings power = new PowerReadings(meter, List.of("arm", "mem"), Optional.empty());
        readAt(meter, 0, 1.0, 0.5);
        assertThat(power.observedBoardW(50 * MS, 90 * MS)).isNaN();
        readAt(meter, 100, 2.0, 0.25);
        assertThat(power.observedBoardW(50 * MS, 150 * MS)).isEqualTo(2.25);
    }
}
