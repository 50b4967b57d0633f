package org.dynnd.daemon.emulation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Jetson Nano's INA3221 as NVIDIA's L4T R32 {@code ina3221x} IIO driver shows it
 * ({@code nvidia/drivers/staging/iio/meter/ina3221.c}): channel files {@code in_voltageN_input}
 * (mV, LSB 8 mV), {@code in_currentN_input} (mA), {@code in_powerN_input} (mW = mV·mA/1000), all
 * {@code "%d\n"}; the driver's own attributes root-only (0600) with their unit suffixes.
 */
final class Ina3221IioFiles {

    static final String CLIENT = "6-0040";

    private final Path dir;
    private final Path linkFrom;
    private final List<String> railNames;

    /** @param railNames the label of channel 0, 1, 2 */
    Ina3221IioFiles(Path root, List<String> railNames) {
        Path client = root.resolve("sys/devices/7000c400.i2c/i2c-6").resolve(CLIENT);
        this.dir = client.resolve("iio:device0");
        this.linkFrom = root.resolve("sys/bus/i2c/drivers/ina3221x").resolve(CLIENT);
        this.railNames = List.copyOf(railNames);
    }

    void create() throws IOException {
        SysfsFiles.write(dir.resolve("name"), "ina3221x\n", "0444");
        SysfsFiles.write(dir.resolve("running_mode"), "1\n", "0600");
        SysfsFiles.write(dir.resolve("in_current_sum_input"), "0 ma\n", "0600");
        SysfsFiles.write(dir.resolve("crit_current_limit_sum"), "32760 ma\n", "0600");
        for (int n = 0; n < railNames.size(); n++) {
            SysfsFiles.write(dir.resolve("rail_name_" + n), railNames.get(n) + "\n", "0600");
            SysfsFiles.write(dir.resolve("crit_power_limit_" + n), "0 mw\n", "0600");
            SysfsFiles.write(dir.resolve("crit_current_limit_" + n), "32760 ma\n", "0600");
            SysfsFiles.write(dir.resolve("warn_current_limit_" + n), "32760 ma\n", "0600");
            SysfsFiles.write(dir.resolve("polling_delay_" + n), "0 ms\n", "0600");
            SysfsFiles.write(dir.resolve("ui_input_" + n), "0 0\n", "0600");
            for (String f : new String[] {"in_voltage", "in_current", "in_power", "in_current%d_trigger", "in_power%d_trigger"}) {
                String name = f.contains("%d") ? String.format(f, n) + "_input" : f + n + "_input";
                SysfsFiles.write(dir.resolve(name), "0\n", "0644");
            }
        }
        SysfsFiles.link(linkFrom, dir.getParent());
    }

    /** One conversion of channel {@code n}: the rail at {@code volts} drawing {@code watts}. */
    void sample(int n, double volts, double watts) throws IOException {
        long mV = Math.round(volts * 1000 / 8.0) * 8;
        long mA = mV == 0 ? 0 : Math.max(0, Math.round(watts * 1_000_000 / mV));
        long mW = mV * mA / 1000;
        SysfsFiles.update(dir.resolve("in_voltage" + n + "_input"), mV + "\n");
        SysfsFiles.update(dir.resolve("in_current" + n + "_input"), mA + "\n");
        SysfsFiles.update(dir.resolve("in_power" + n + "_input"), mW + "\n");
        SysfsFiles.update(dir.resolve("in_current" + n + "_trigger_input"), mA + "\n");
        SysfsFiles.update(dir.resolve("in_power" + n + "_trigger_input"), mW + "\n");
        SysfsFiles.update(dir.resolve("ui_input_" + n), mV + " " + mA + "\n");
    }
}
