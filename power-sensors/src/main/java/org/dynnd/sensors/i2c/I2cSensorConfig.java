package org.dynnd.sensors.i2c;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One INA chip to read over raw I2C, as the daemon's configuration describes it.
 *
 * @param bus the adapter number N of {@code /dev/i2c-N}
 * @param address the 7-bit address (0x40..0x4F for these chips)
 * @param chip which chip
 * @param channels the channels to read, each with its rail name and shunt resistance
 * @param config the configuration register to write, or empty for {@link InaChip#defaultConfig()}
 */
public record I2cSensorConfig(int bus, int address, InaChip chip, List<Channel> channels, OptionalInt config) {

    /**
     * @param channel 1-based channel number (1 for INA226/INA231, 1..3 for INA3221)
     * @param rail the rail id
     * @param shuntOhms the shunt resistance in ohms, such as 0.1 on common breakouts
     */
    public record Channel(int channel, String rail, double shuntOhms) {
        public Channel {
            Objects.requireNonNull(rail, "rail");
            if (rail.isBlank()) {
                throw new IllegalArgumentException("i2c channel " + channel + ": rail name must not be blank");
            }
            if (!(shuntOhms > 0 && shuntOhms < 1000)) {
                throw new IllegalArgumentException("i2c rail " + rail + ": shunt resistance must be > 0 and < 1000 "
                        + "ohms, got " + shuntOhms);
            }
        }
    }

    public I2cSensorConfig {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(config, "config");
        channels = List.copyOf(channels);
        String where = String.format("i2c-%d address 0x%02x (%s)", bus, address, chip);
        if (bus < 0) {
            throw new IllegalArgumentException(where + ": bus must be >= 0, got " + bus);
        }
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(where + ": address must be a 7-bit address 0x03..0x77");
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(where + ": at least one channel is needed");
        }
        Set<Integer> seen = new HashSet<>();
        for (Channel c : channels) {
            if (c.channel() < 1 || c.channel() > chip.channels()) {
                throw new IllegalArgumentException(where + ": channel " + c.channel() + " does not exist; allowed 1.."
                        + chip.channels());
            }
            if (!seen.add(c.channel())) {
                throw new IllegalArgumentException(where + ": channel " + c.channel() + " is listed twice");
            }
        }
        if (config.isPresent() && (config.getAsInt() < 0 || config.getAsInt() > 0x7FFF)) {
            throw new IllegalArgumentException(where + ": config must be 0x0000..0x7FFF (bit 15 is reset), got 0x"
                    + Integer.toHexString(config.getAsInt()));
        }
    }
}
