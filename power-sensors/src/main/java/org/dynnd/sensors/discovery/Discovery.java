package org.dynnd.sensors.discovery;

import java.util.ArrayList;
import java.util.List;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;

/**
 * What a sysfs root offers.
 *
 * @param sensors the sensors found, each with its rails
 * @param problems one sentence per thing a user should know or fix (an unreadable counter, a
 *     disabled chip, a busy I2C address), with the path concerned
 */
public record Discovery(List<PowerSensor> sensors, List<String> problems) {
    public Discovery {
        sensors = List.copyOf(sensors);
        problems = List.copyOf(problems);
    }

    /** Every rail of every sensor, in discovery order. */
    public List<Rail> rails() {
        List<Rail> all = new ArrayList<>();
        sensors.forEach(s -> all.addAll(s.rails()));
        return all;
    }
}
