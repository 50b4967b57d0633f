package org.dynnd.sensors.ina3221;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dynnd.sensors.ChannelPowerSensor;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.SensorKind;
import org.dynnd.sensors.sysfs.NumericFile;
import org.dynnd.sensors.sysfs.PowerFile;
import org.dynnd.sensors.sysfs.SysfsDirs;
import org.dynnd.sensors.sysfs.SysfsReader;
import org.dynnd.sensors.sysfs.SysfsText;

/** Finds the INA3221 chips of the L4T {@code ina3221x} IIO driver under a sysfs root. */
public final class Ina3221IioDiscovery {
    /** The driver folder relative to the sysfs root. */
    public static final String DRIVER_DIR = "sys/bus/i2c/drivers/ina3221x";
    /** Results refresh every 3 channels x 64 averages x (1.1 + 1.1) ms with config 0x7727. */
    public static final long REFRESH_NANOS = 422_400_000L;
    private static final int CHANNELS = 3;

    private Ina3221IioDiscovery() {}

    /** Lists one sensor per {@code iio:device*} folder, with a rail per connected channel. */
    public static List<PowerSensor> scan(Path root, SysfsReader reader, double maxWatts, Consumer<String> problems) {
        List<PowerSensor> sensors = new ArrayList<>();
        for (Path device : SysfsDirs.list(root.resolve(DRIVER_DIR), "*-*", problems)) {
            for (Path iio : SysfsDirs.list(device, "iio:device*", problems)) {
                PowerSensor sensor = sensor(device.getFileName().toString(), iio, reader, maxWatts, problems);
                if (sensor != null) {
                    sensors.add(sensor);
                }
            }
        }
        return sensors;
    }

    private static PowerSensor sensor(String busAddr, Path iio, SysfsReader reader, double maxWatts,
            Consumer<String> problems) {
        List<Rail> rails = new ArrayList<>();
        List<ChannelPowerSensor.ChannelReader> readers = new ArrayList<>();
        boolean namesHidden = false;
        for (int ch = 0; ch < CHANNELS; ch++) {
            Path power = iio.resolve("in_power" + ch + "_input");
            if (!SysfsText.exists(power)) {
                continue;
            }
            String name = SysfsText.read(reader, iio.resolve("rail_name_" + ch)).orElse("");
            if (name.isEmpty()) {
                namesHidden = true;
                name = busAddr + "/ch" + ch;
            }
            if (name.equals("NC")) {
                continue;
            }
            rails.add(new Rail(name, "INA3221 " + busAddr + " channel " + ch, Quantity.POWER, power, "mW"));
            readers.add(PowerFile.channel(new NumericFile(power, reader, 0), 1e3, maxWatts));
        }
        if (namesHidden) {
            problems.accept(iio + ": rail_name_N cannot be read (mode 0600, root only); rails are named "
                    + busAddr + "/chN. Name them in the configuration, or run as root to read the names");
        }
        if (rails.isEmpty()) {
            problems.accept(iio + ": no in_powerN_input file for channels 0..2; not a usable ina3221x device");
            return null;
        }
        return new ChannelPowerSensor("ina3221x:" + busAddr + "/" + iio.getFileName(), SensorKind.INA3221_IIO,
                iio, rails, readers, REFRESH_NANOS, 1e-3);
    }
}
