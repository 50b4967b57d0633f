package org.dynnd.sensors.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.PowerSensorContract;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link PowerSensorContract} of a backend that reads sysfs files, with what every such backend
 * must classify the same way: a file that vanishes (the driver unbound) is {@link Status#MISSING},
 * text that is not a number {@link Status#GARBAGE}, EIO {@link Status#IO_ERROR}, EACCES
 * {@link Status#PERMISSION_DENIED}; and each gives values again once the file reads again. The
 * sensor is opened with a {@link FailingReader}, which produces the errors a temporary folder
 * cannot.
 */
public abstract class SysfsPowerSensorContract extends PowerSensorContract {
    private final FailingReader reader = new FailingReader();
    private final List<String> problems = new ArrayList<>();

    /**
     * Builds the fake sysfs tree under {@code root} and opens the sensor with {@code reader}, which
     * reads the real files until a test tells it to fail; discovery tells {@code problems} what a
     * user would have to fix.
     */
    protected abstract PowerSensor open(Path root, FailingReader reader, Consumer<String> problems)
            throws IOException;

    @Override
    protected final PowerSensor open(Path root) throws IOException {
        return open(root, reader, problems::add);
    }

    /** Checks what discovery reported on the tree as built: nothing, unless the backend says otherwise. */
    protected void checkProblems(List<String> reported) {
        assertThat(reported).isEmpty();
    }

    @Test
    protected void discoveryOfTheTreeAsBuiltReportsOnlyWhatTheBackendExpects() {
        checkProblems(problems);
    }

    /** The files the rails are read from, once each. */
    private Set<Path> sources() {
        Set<Path> files = new LinkedHashSet<>();
        sensor().rails().forEach(r -> files.add(r.source()));
        return files;
    }

    private static Path unbound(Path source) {
        return source.resolveSibling(source.getFileName() + ".unbound");
    }

    /** Every rail's file vanishes, as it does when the driver is unbound. */
    @Override
    protected void breakHardware() throws IOException {
        for (Path source : sources()) {
            Files.move(source, unbound(source));
        }
    }

    @Override
    protected void repairHardware() throws IOException {
        for (Path source : sources()) {
            Files.move(unbound(source), source);
        }
    }

    @Override
    protected Status faultWhileBroken() {
        return Status.MISSING;
    }

    @Test
    protected void textThatIsNotANumberIsGarbageNotAValue() throws IOException {
        Map<Path, byte[]> before = new LinkedHashMap<>();
        for (Path source : sources()) {
            before.put(source, Files.readAllBytes(source));
            Files.writeString(source, "N/A\n", StandardCharsets.US_ASCII);
        }
        Readings out = read();
        assertFaults(out, Status.GARBAGE);
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            Files.write(e.getKey(), e.getValue());
        }
        sensor().read(out);
        assertValues(out, firstValues());
    }

    /** The errors a read of a sysfs file meets on a real board, and the fault each must give. */
    protected enum ReadError {
        /** A driver whose I2C transfer failed (the ina3221x IIO driver returns EIO or EAGAIN). */
        EIO(Status.IO_ERROR),
        /** A root-only file (RAPL's energy_uj since Linux 5.10) read by a daemon that is not root. */
        EACCES(Status.PERMISSION_DENIED);

        final Status fault;

        ReadError(Status fault) {
            this.fault = fault;
        }
    }

    @ParameterizedTest
    @EnumSource(ReadError.class)
    protected void aReadErrorIsReportedAsItsFaultAndTheRailsComeBack(ReadError error) {
        for (Path source : sources()) {
            if (error == ReadError.EIO) {
                reader.eio(source);
            } else {
                reader.rootOnly(source);
            }
        }
        assertFaults(read(), error.fault);
        sources().forEach(reader::heal);
        assertValues(read(), firstValues());
    }
}
