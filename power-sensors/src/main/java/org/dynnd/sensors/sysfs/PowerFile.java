package org.dynnd.sensors.sysfs;

import org.dynnd.sensors.ChannelPowerSensor;
import org.dynnd.sensors.Plausibility;
import org.dynnd.sensors.Status;

/** A channel of a {@link ChannelPowerSensor} whose power a driver prints in one file. */
public final class PowerFile {
    private PowerFile() {}

    /**
     * A channel read from one power file: the parsed number divided by {@code unitsPerWatt} (1e3
     * for mW, 1e6 for uW; a division keeps "518144" uW exactly 0.518144 W), checked against
     * {@code maxWatts}.
     */
    public static ChannelPowerSensor.ChannelReader channel(NumericFile file, double unitsPerWatt, double maxWatts) {
        return (out, slot) -> {
            Status status = file.read();
            if (status == Status.OK) {
                Plausibility.power(out, slot, file.value() / unitsPerWatt, maxWatts);
            } else {
                out.fail(slot, status);
            }
        };
    }
}
