package org.dynnd.sensors.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.hwmon.HwmonDiscovery;
import org.dynnd.sensors.i2c.I2cBus;
import org.dynnd.sensors.i2c.I2cSensorConfig;
import org.dynnd.sensors.i2c.I2cSensors;
import org.dynnd.sensors.i2c.LinuxI2cBus;
import org.dynnd.sensors.ina231.Ina231Discovery;
import org.dynnd.sensors.ina3221.Ina3221IioDiscovery;
import org.dynnd.sensors.rapl.RaplDiscovery;
import org.dynnd.sensors.sysfs.SysfsReader;

/** Lists every sensor and rail under a sysfs root. */
public final class SensorDiscovery {

    /** Opens an I2C adapter device; the seam where tests put a fake bus. */
    @FunctionalInterface
    public interface I2cOpener {
        I2cBus open(Path deviceNode) throws IOException;
    }

    private final Path root;
    private final SysfsReader reader;
    private final I2cOpener i2c;

    /** Discovery on the real file system and real I2C adapters under {@code root} (normally {@code /}). */
    public SensorDiscovery(Path root) {
        this(root, SysfsReader.files(), LinuxI2cBus::open);
    }

    public SensorDiscovery(Path root, SysfsReader reader, I2cOpener i2c) {
        this.root = root;
        this.reader = reader;
        this.i2c = i2c;
    }

    /** Scans every backend; never fails because one backend has nothing or is broken. */
    public Discovery discover(DiscoveryOptions options) {
        List<String> problems = new ArrayList<>();
        Consumer<String> report = problems::add;
        List<PowerSensor> found = new ArrayList<>();
        found.addAll(Ina231Discovery.scan(root, reader, options.enableIna231(), options.maxWatts(), report));
        found.addAll(Ina3221IioDiscovery.scan(root, reader, options.maxWatts(), report));
        found.addAll(HwmonDiscovery.scan(root, reader, options.maxWatts(), report));
        found.addAll(RaplDiscovery.scan(root, reader, report));
        for (I2cSensorConfig config : options.i2c()) {
            openI2c(config, options.maxWatts(), report).ifPresent(found::add);
        }
        Set<String> known = new HashSet<>();
        found.forEach(s -> s.rails().forEach(r -> known.add(r.id())));
        options.railNames().keySet().stream().filter(id -> !known.contains(id)).sorted().forEach(id -> problems.add(
                "rail name given for " + id + ", but no such rail was discovered; discovered: " + known.stream()
                        .sorted().toList()));
        List<PowerSensor> unique = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PowerSensor discovered : found) {
            PowerSensor s = RenamedSensor.of(discovered, options.railNames());
            List<String> clash = s.rails().stream().map(Rail::id).filter(ids::contains).toList();
            if (clash.isEmpty()) {
                s.rails().forEach(r -> ids.add(r.id()));
                unique.add(s);
            } else {
                problems.add(s.path() + ": sensor " + s.id() + " left out, its rail ids " + clash
                        + " are already used by another sensor");
            }
        }
        return new Discovery(unique, problems);
    }

    private Optional<PowerSensor> openI2c(I2cSensorConfig config, double maxWatts, Consumer<String> report) {
        Path node = I2cSensors.deviceNode(root, config.bus());
        I2cBus bus;
        try {
            bus = i2c.open(node);
        } catch (IOException e) {
            report.accept(e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(I2cSensors.open(config, bus, maxWatts));
        } catch (IOException e) {
            report.accept(e.getMessage());
            try {
                bus.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            return Optional.empty();
        }
    }
}
