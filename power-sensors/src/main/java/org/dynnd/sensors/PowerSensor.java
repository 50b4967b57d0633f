package org.dynnd.sensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a power sensor is, whatever reads it: a source with one or more rails, the unit each rail
 * reports, how often the hardware or driver refreshes its values, and the resolution of one
 * reading. Modelled on energymon's {@code energymon.h}: one small contract, one package per
 * backend with its hardware facts written beside it.
 *
 * <p>{@link #read(Readings)} fills one value or one fault per rail and never throws: a sensor
 * that fails is reported through {@link Status}, so a sampler can keep going and use the sensor
 * again when it comes back. Implementations reuse their buffers; they are not thread-safe and are
 * read by one thread at a time (the sampler).
 */
public interface PowerSensor extends AutoCloseable {

    /** A stable identifier, such as {@code ina231:3-0040} or {@code rapl}. */
    String id();

    /** Which backend reads this sensor. */
    SensorKind kind();

    /** The folder or device the sensor is read from. */
    Path path();

    /** The rails, in the order {@link #read} fills them. */
    List<Rail> rails();

    /**
     * How often the values behind the files change, in nanoseconds; reading more often only returns
     * the same cached value. 0 when every read performs a fresh measurement.
     */
    long refreshIntervalNanos();

    /**
     * The smallest step one reading can show, in the rail's unit (watts or joules); 0 when the step
     * is not fixed (power computed from two registers depends on the bus voltage).
     */
    double resolution();

    /** Reads every rail into {@code out}, which has {@code rails().size()} slots. Never throws. */
    void read(Readings out);

    /**
     * Releases what the sensor holds open (the I2C adapter of a raw-I2C chip); sysfs sensors hold
     * nothing between reads.
     */
    @Override
    default void close() throws IOException {}
}
