package org.dynnd.daemon.board;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.dynnd.daemon.config.SensorsConfig;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.state.HardwareStateFile;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.discovery.Discovery;
import org.dynnd.sensors.discovery.DiscoveryOptions;
import org.dynnd.sensors.discovery.SensorDiscovery;
import org.dynnd.sensors.meter.EnergyMeter;
import org.dynnd.sensors.meter.MeterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's power sensors, found under the sysfs root and named as the preset says, sampled by
 * the energy meter. An INA231 that discovery switches on is recorded in the hardware state first,
 * so it is switched off again when the daemon stops.
 */
public final class SensorsSetup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SensorsSetup.class);

    private final EnergyMeter meter;
    private final PowerReadings power;

    private SensorsSetup(EnergyMeter meter, PowerReadings power) {
        this.meter = meter;
        this.power = power;
    }

    /** @param nanoClock the monotonic clock the meter stamps its readings with, the one their readers use */
    static SensorsSetup start(BoardPreset preset, SensorsConfig config, Path sysfsRoot, HardwareStateFile state,
            LongSupplier nanoClock) throws IOException {
        if (preset.sensors().backend().equals("ina231")) {
            Path drivers = sysfsRoot.resolve("sys/bus/i2c/drivers/INA231");
            if (Files.isDirectory(drivers)) {
                try (DirectoryStream<Path> clients = Files.newDirectoryStream(drivers)) {
                    for (Path client : clients) {
                        if (Files.exists(client.resolve("enable"))) {
                            state.rememberBeforeWrite("/" + sysfsRoot.relativize(client.resolve("enable")));
                        }
                    }
                }
            }
        }
        Map<String, String> names = new HashMap<>();
        for (BoardPreset.RailPreset rail : preset.sensors().rails()) {
            if (rail.channel() != null) {
                // The iio driver's rail names are root-only: name the channels from the preset.
                names.put("6-0040/ch" + rail.channel(), rail.name());
            }
        }
        Discovery discovery = new SensorDiscovery(sysfsRoot).discover(
                new DiscoveryOptions(true, DiscoveryOptions.defaults().maxWatts(), List.of(), names));
        discovery.problems().forEach(p -> LOG.warn("sensors: {}", p));
        List<String> rails = discovery.rails().stream().map(Rail::id).toList();
        String configured = config.totalRail();
        Optional<String> total = !configured.equals("auto") ? Optional.of(configured)
                : !preset.sensors().totalRail().isEmpty() ? Optional.of(preset.sensors().totalRail())
                // RAPL's platform domain covers the packages and the rest of the machine.
                : rails.contains("psys") ? Optional.of("psys") : Optional.empty();
        Map<String, List<String>> units = config.unitRails().isEmpty()
                ? unitRails(preset) : config.unitRails();
        Map<String, List<String>> present = new HashMap<>();
        units.forEach((unit, list) -> {
            List<String> found = list.stream().filter(rails::contains).toList();
            if (!found.isEmpty()) {
                present.put(unit, found);
            }
        });
        EnergyMeter meter = new EnergyMeter(discovery.sensors(),
                new MeterConfig(TimeUnit.MILLISECONDS.toNanos(config.periodMs()), 4096, rails,
                        total.filter(rails::contains), present),
                nanoClock);
        meter.start();
        LOG.info("sensors: rails {}{}", rails, total.map(t -> ", board total " + t).orElse(", board total = their sum"));
        return new SensorsSetup(meter, new PowerReadings(meter, rails, total.filter(rails::contains)));
    }

    /** Which rails measure which unit, as the preset names them. */
    static Map<String, List<String>> unitRails(BoardPreset preset) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (BoardPreset.RailPreset rail : preset.sensors().rails()) {
            map.computeIfAbsent(rail.unit(), u -> new ArrayList<>()).add(rail.name());
        }
        return map;
    }

public PowerReadings power() {
        return power;
    }

    @Override
    public void close() {
        meter.close();
    }
}
