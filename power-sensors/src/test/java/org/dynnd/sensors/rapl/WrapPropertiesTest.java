package org.dynnd.sensors.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.sysfs.NumericFile;
import org.dynnd.sensors.sysfs.SysfsReader;

class WrapPropertiesTest {
    private static final Path ENERGY = Path.of("/sys/class/powercap/intel-rapl:0/energy_uj");

    /** An energy_uj file in memory, printed "%lld\n" as the kernel does. */
    private static final class Counter implements SysfsReader {
        long value;

        @Override
        public int read(Path file, byte[] buffer) {
            byte[] text = (value + "\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, buffer, 0, text.length);
            return text.length;
        }
    }

    @Property
    void unwrappingRecoversEveryIncrement(
            @ForAll @LongRange(min = 1_000, max = 262_143_999_938L) long range,
            @ForAll @LongRange(min = 0, max = 262_143_999_937L) long startRaw,
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 1_000_000_000_000L) Long> steps) {
        long start = startRaw % range;
        Counter counter = new Counter();
        RaplSensor sensor = new RaplSensor(Path.of("/sys/class/powercap"),
                List.of(new Rail("package-0", "p", Quantity.ENERGY, ENERGY, "uJ")),
                List.of(new NumericFile(ENERGY, counter, 0)), new long[] {range});
        Readings r = new Readings(1);
        counter.value = start;
        sensor.read(r);
        long total = 0;
        for (long s : steps) {
            long step = s % (range / 2 + 1); // a sampler faster than half a wrap period
            total += step;
            counter.value = (start + total) % range;
            sensor.read(r);
            assertThat(r.status(0)).isIn(Status.OK, Status.WRAPPED);
        }
        assertThat(Math.round(r.value(0) * 1e6)).isEqualTo(total);
    }
}
