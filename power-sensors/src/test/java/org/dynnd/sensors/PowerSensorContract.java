package org.dynnd.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link PowerSensor} promises, checked on every backend: a backend's test extends this,
 * builds the board's fake hardware, opens the sensor the way the daemon does (the backend's
 * discovery, or {@code I2cSensors.open} for a configured chip; never a constructor), and says what
 * the hardware shows.
 *
 * <p>The promises: the sensor describes itself as its backend's facts say; one read fills every
 * rail with a value in the rail's unit or with a fault; a read follows the hardware; a sensor
 * whose hardware fails gives a fault on every rail (never a stale value, never an exception) and
 * gives values again once the hardware is back.
 */
public abstract class PowerSensorContract {

    /**
     * What the backend's facts say the sensor is.
     *
     * @param id the sensor's id
     * @param kind its backend
     * @param path the folder or device it is read from
     * @param railIds its rails, in the order a read fills them
     * @param quantity what every rail reports
     * @param fileUnit the unit every rail's source holds before conversion
     * @param refreshNanos how often the hardware or driver refreshes the values
     * @param resolution the step of one reading
     */
    public record Expected(String id, SensorKind kind, Path path, List<String> railIds, Quantity quantity,
            String fileUnit, long refreshNanos, double resolution) {}

    /** Values are compared to a nanowatt (or nanojoule): far below any resolution a backend has. */
    private static final double SAME = 1e-9;

    @TempDir
    protected Path root;

    private PowerSensor sensor;

    /** Builds the fake hardware under {@code root} and opens the sensor under test on it. */
    protected abstract PowerSensor open(Path root) throws IOException;

    /** What the sensor must say about itself; rails are compared by id. */
    protected abstract Expected expected();

    /** What the first read gives, per rail, in the rail's unit (W, or J counted from that read). */
    protected abstract double[] firstValues();

    /** Changes what the hardware shows; returns what the next read must give. */
    protected abstract double[] change();

    /** Makes every rail of the sensor unreadable, as the hardware or the kernel would. */
    protected abstract void breakHardware() throws IOException;

    /** Undoes {@link #breakHardware()}, with the hardware showing what it showed before. */
    protected abstract void repairHardware() throws IOException;

    /** The fault every rail reads while the hardware is broken. */
    protected abstract Status faultWhileBroken();

    /** The sensor under test. */
    protected final PowerSensor sensor() {
        return sensor;
    }

    @BeforeEach
    void openSensor() throws IOException {
        sensor = open(root);
    }

    @AfterEach
    void closeSensor() throws IOException {
        sensor.close();
    }

    /** Reads the sensor once into fresh slots. */
    protected final Readings read() {
        Readings out = new Readings(sensor.rails().size());
        sensor.read(out);
        return out;
    }

    @Test
    protected void describesItselfAsItsBackendsFactsSay() {
        Expected e = expected();
        SensorInfo info = sensor.info();
        assertThat(info.id()).isEqualTo(e.id());
        assertThat(info.kind()).isEqualTo(e.kind());
        assertThat(info.path()).isEqualTo(e.path());
        assertThat(info.refreshIntervalNanos()).isEqualTo(e.refreshNanos());
        assertThat(info.resolution()).isEqualTo(e.resolution());
        assertThat(info.rails()).extracting(Rail::id).containsExactlyElementsOf(e.railIds());
        assertThat(info.rails()).extracting(Rail::quantity).containsOnly(e.quantity());
        assertThat(info.rails()).extracting(Rail::fileUnit).containsOnly(e.fileUnit());
        // The accessors a caller uses are the description, not a second copy of it.
        assertThat(sensor.id()).isEqualTo(info.id());
        assertThat(sensor.kind()).isEqualTo(info.kind());
        assertThat(sensor.path()).isEqualTo(info.path());
        assertThat(sensor.rails()).isEqualTo(info.rails());
        assertThat(sensor.refreshIntervalNanos()).isEqualTo(info.refreshIntervalNanos());
        assertThat(sensor.resolution()).isEqualTo(info.resolution());
    }

    @Test
    protected void theFirstReadGivesWhatTheHardwareShowsOnEveryRail() {
        assertValues(read(), firstValues());
    }

    @Test
    protected void aReadFollowsTheHardware() {
        Readings out = read();
        double[] next = change();
        sensor.read(out);
        assertValues(out, next);
    }

    @Test
    protected void readingAgainWithoutAChangeGivesTheSameValues() {
        Readings out = read();
        sensor.read(out);
        // A counter that did not move adds no energy: the second read is the first one's value.
        assertValues(out, firstValues());
    }

    @Test
    protected void hardwareThatFailsGivesAFaultOnEveryRailAndValuesOnceItIsBack() throws IOException {
        Readings out = read();
        breakHardware();
        assertThatCode(() -> sensor.read(out)).doesNotThrowAnyException();
        assertFaults(out, faultWhileBroken());
        repairHardware();
        sensor.read(out);
        assertValues(out, firstValues());
    }

    /** Every slot valid and equal to {@code expected}, in order. */
    protected final void assertValues(Readings out, double[] expected) {
        assertThat(out.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            String rail = sensor.rails().get(i).id();
            assertThat(out.status(i)).as("rail %s", rail).matches(Status::valid, "a valid status");
            assertThat(out.value(i)).as("rail %s", rail).isCloseTo(expected[i], within(SAME));
        }
    }

    /** Every slot holds {@code fault} and no value: a fault never leaves the previous value behind. */
    protected final void assertFaults(Readings out, Status fault) {
        assertThat(out.size()).isEqualTo(sensor.rails().size());
        for (int i = 0; i < out.size(); i++) {
            String rail = sensor.rails().get(i).id();
            assertThat(out.status(i)).as("rail %s", rail).isEqualTo(fault);
            assertThat(out.value(i)).as("rail %s: no stale value", rail).isNaN();
        }
    }
}
