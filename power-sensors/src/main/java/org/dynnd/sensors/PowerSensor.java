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
 * <p>A backend gives its description once, as a {@link SensorInfo}; the accessors below read it,
 * so callers write {@code sensor.rails()} and no backend repeats them.
 *
 * <p>{@link #read(Readings)} fills one value or one fault per rail and never throws: a sensor
 * that fails is reported through {@link Status}, so a sampler can keep going and use the sensor
 * again when it comes back. Implementations reuse their buffers; they are not thread-safe and are
 * read by one thread at a time (the sampler).
 */
public interface PowerSensor extends AutoCloseable {

    /** What the sensor is: identity, rails, refresh interval and resolution. */
    SensorInfo info();

    /** Reads every rail into {@code out}, which has {@code rails().size()} slots. Never throws. */
    void read(Readings out);

    /**
     * Releases what the sensor holds open (the I2C adapter of a raw-I2C chip); sysfs sensors hold
     * nothing between reads.
     */
    @Override
    default void close() throws IOException {}

    /** {@link SensorInfo#id()}. */
    default String id() {
        return info().id();
    }

    /** {@link SensorInfo#kind()}. */
    default SensorKind kind() {
        return info().kind();
    }

    /** {@link SensorInfo#path()}. */
    default Path path() {
        return info().path();
    }

    /** {@link SensorInfo#rails()}. */
    default List<Rail> rails() {
        return info().rails();
    }

    /** {@link SensorInfo#refreshIntervalNanos()}. */
    default long refreshIntervalNanos() {
        return info().refreshIntervalNanos();
    }

    /** {@link SensorInfo#resolution()}. */
    default double resolution() {
        return info().resolution();
    }
}
