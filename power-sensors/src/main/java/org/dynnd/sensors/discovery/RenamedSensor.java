package org.dynnd.sensors.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Readings;
import org.dynnd.sensors.SensorInfo;

/** A sensor whose rails carry the names the configuration gives them; reading is unchanged. */
final class RenamedSensor implements PowerSensor {
    private final PowerSensor sensor;
    private final SensorInfo info;

    private RenamedSensor(PowerSensor sensor, List<Rail> rails) {
        this.sensor = sensor;
        this.info = sensor.info().withRails(rails);
    }

    /** {@code sensor} itself when none of its rails is renamed. */
    static PowerSensor of(PowerSensor sensor, Map<String, String> names) {
        List<Rail> renamed = new ArrayList<>();
        boolean any = false;
        for (Rail r : sensor.rails()) {
            String name = names.get(r.id());
            any |= name != null;
            renamed.add(name == null ? r : new Rail(name, r.label() + " (discovered as " + r.id() + ")",
                    r.quantity(), r.source(), r.fileUnit()));
        }
        return any ? new RenamedSensor(sensor, renamed) : sensor;
    }

    @Override
    public SensorInfo info() {
        return info;
    }

    @Override
    public void read(Readings out) {
        sensor.read(out);
    }

    @Override
    public void close() throws IOException {
        sensor.close();
    }
}
