package org.dynnd.sensors;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A sensor whose rails are independent channels, each read by a {@link ChannelReader}: the shape
 * of the INA3221 IIO driver, the hwmon drivers and a raw I2C chip. Kind, identity and timing are
 * given; reading is delegated channel by channel.
 */
public final class ChannelPowerSensor implements PowerSensor {

    /** Reads one channel into slot {@code slot} of the readings; never throws. */
    @FunctionalInterface
    public interface ChannelReader {
        void read(Readings out, int slot);
    }

    private final SensorInfo info;
    private final List<ChannelReader> channels;
    private final Closeable resource;

    /**
     * A sensor with nothing to close.
     *
     * @param rails the rails, one per entry of {@code channels}, in the same order
     */
    public ChannelPowerSensor(String id, SensorKind kind, Path path, List<Rail> rails,
            List<ChannelReader> channels, long refreshNanos, double resolution) {
        this(new SensorInfo(id, kind, path, rails, refreshNanos, resolution), channels, () -> { });
    }

    /**
     * A sensor described by {@code info}, whose rails are read by {@code channels} in the same
     * order, closing {@code resource} (such as an I2C adapter) when the sensor is closed.
     */
    public ChannelPowerSensor(SensorInfo info, List<ChannelReader> channels, Closeable resource) {
        if (info.rails().size() != channels.size()) {
            throw new IllegalArgumentException("sensor " + info.id() + ": " + info.rails().size() + " rails but "
                    + channels.size() + " channel readers");
        }
        this.info = info;
        this.channels = List.copyOf(channels);
        this.resource = resource;
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    @Override
    public void read(Readings out) {
        for (int i = 0; i < channels.size(); i++) {
            channels.get(i).read(out, i);
        }
    }
}
