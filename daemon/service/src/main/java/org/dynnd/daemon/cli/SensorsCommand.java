package org.dynnd.daemon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dynnd.sensors.PowerSensor;
import org.dynnd.sensors.Quantity;
import org.dynnd.sensors.Rail;
import org.dynnd.sensors.Status;
import org.dynnd.sensors.discovery.Discovery;
import org.dynnd.sensors.discovery.DiscoveryOptions;
import org.dynnd.sensors.discovery.SensorDiscovery;
import org.dynnd.sensors.meter.EnergyMeter;
import org.dynnd.sensors.meter.MeterConfig;
import org.dynnd.sensors.meter.Sample;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynnd sensors}: lists the power sensors and rails found under a sysfs root, then the
 * current watts of each rail, once or every period.
 */
@Command(
        name = "sensors",
        mixinStandardHelpOptions = true,
        description = {
            "List the power sensors and rails under a sysfs root, then each rail's watts.",
            "Kinds: INA231, INA3221 (iio, hwmon), INA2xx (hwmon), RAPL. Counters (RAPL)",
            "need two readings, one period apart."
        })
public final class SensorsCommand implements Callable<Integer> {

    @Option(names = "--sysfs-root", paramLabel = "DIR", description = "Root the /sys paths are read under (default: ${DEFAULT-VALUE}).")
    Path sysfsRoot = Path.of("/");

    @Option(names = "--watch", description = "Print the watts every period until interrupted (or --count times).")
    boolean watch;

    @Option(names = "--json", description = "Print JSON: one object, or with --watch one object per line.")
    boolean json;

    @Option(names = "--period-ms", paramLabel = "MS", description = "Time between readings, 10..60000 ms (default: ${DEFAULT-VALUE}).")
    long periodMs = 1000;

    @Option(names = "--count", paramLabel = "N", description = "With --watch, stop after N readings (default: until interrupted).")
    long count = Long.MAX_VALUE;

    @Option(names = "--no-enable", description = "Do not write 1 to the enable file of an INA231 that is off.")
    boolean noEnable;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        DiscoveryOptions options = noEnable ? DiscoveryOptions.defaults().readOnly() : DiscoveryOptions.defaults();
        Discovery discovery = new SensorDiscovery(sysfsRoot).discover(options);
        if (json && watch) {
            out.println(mapper.writeValueAsString(describe(discovery)));
        } else if (!json) {
            printDiscovery(out, discovery);
        }
        if (discovery.sensors().isEmpty()) {
            if (json && !watch) {
                out.println(mapper.writeValueAsString(describe(discovery)));
            }
            out.flush();
            return 0;
        }
        long periodNanos = periodMs * 1_000_000L;
        EnergyMeter meter = new EnergyMeter(discovery.sensors(),
                new MeterConfig(periodNanos, 16, List.of(), Optional.empty(), Map.of()), System::nanoTime);
        meter.sampleOnce();
        long rounds = watch ? count : 1;
        for (long i = 0; i < rounds; i++) {
            Thread.sleep(periodMs);
            meter.sampleOnce();
            if (json && !watch) {
                Map<String, Object> all = describe(discovery);
                all.put("readings", readings(meter));
                out.println(mapper.writeValueAsString(all));
            } else if (json) {
                out.println(mapper.writeValueAsString(readings(meter)));
            } else {
                printReadings(out, meter);
            }
            out.flush();
        }
        return 0;
    }

    private void validate() {
        if (!Files.isDirectory(sysfsRoot)) {
            throw new UserErrorException("--sysfs-root " + sysfsRoot + ": not a directory; give the folder that holds sys/ "
                    + "(/ on a real board)");
        }
        if (periodMs < 10 || periodMs > 60_000) {
            throw new UserErrorException("--period-ms " + periodMs + ": allowed 10..60000");
        }
        if (count < 1) {
            throw new UserErrorException("--count " + count + ": must be at least 1");
        }
    }

    private static String kind(PowerSensor s) {
        return s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String unit(Rail r) {
        if (r.quantity() == Quantity.ENERGY) {
            return "J (" + r.fileUnit() + " counter)";
        }
        return r.fileUnit().equals("W") ? "W" : "W (from " + r.fileUnit() + ")";
    }

    private void printDiscovery(PrintWriter out, Discovery d) {
        out.printf("Power sensors under %s: %d sensors, %d rails%n", sysfsRoot, d.sensors().size(), d.rails().size());
        if (!d.sensors().isEmpty()) {
            out.printf("%-13s %-30s %-18s %-18s %-12s %s%n", "KIND", "SENSOR", "RAIL", "UNIT", "REFRESH", "PATH");
        }
        for (PowerSensor s : d.sensors()) {
            String refresh = s.refreshIntervalNanos() == 0 ? "each read"
                    : String.format(Locale.ROOT, "%.3f ms", s.refreshIntervalNanos() / 1e6);
            for (Rail r : s.rails()) {
                out.printf("%-13s %-30s %-18s %-18s %-12s %s%n", kind(s), s.id(), r.id(), unit(r), refresh, r.source());
            }
        }
        if (d.sensors().isEmpty()) {
            out.println("No power sensor found. Looked for: sys/bus/i2c/drivers/INA231, sys/bus/i2c/drivers/ina3221x, "
                    + "sys/class/hwmon (ina3221, ina2xx), sys/class/powercap (intel-rapl).");
        }
        for (String p : d.problems()) {
            out.println("problem: " + p);
        }
    }

    private void printReadings(PrintWriter out, EnergyMeter meter) {
        out.println("RAIL               WATTS");
        for (Rail r : meter.rails()) {
            double w = meter.latestWatts(r.id());
            Status status = meter.latest(r.id()).map(Sample::status).orElse(Status.NOT_READ);
            if (Double.isNaN(w)) {
                out.printf("%-18s %10s  (%s)%n", r.id(), "-", status.valid() ? "needs a second reading" : status.reason());
            } else {
                out.printf(Locale.ROOT, "%-18s %10.3f%n", r.id(), w);
            }
        }
    }

    private Map<String, Object> describe(Discovery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sysfsRoot", sysfsRoot.toString());
        List<Map<String, Object>> sensors = new ArrayList<>();
        for (PowerSensor s : d.sensors()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", s.id());
            sm.put("kind", kind(s));
            sm.put("path", s.path().toString());
            sm.put("refreshIntervalNanos", s.refreshIntervalNanos());
            sm.put("resolution", s.resolution());
            List<Map<String, Object>> rails = new ArrayList<>();
            for (Rail r : s.rails()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("id", r.id());
                rm.put("label", r.label());
                rm.put("quantity", r.quantity().name().toLowerCase(Locale.ROOT));
                rm.put("unit", r.quantity() == Quantity.ENERGY ? "J" : "W");
                rm.put("fileUnit", r.fileUnit());
                rm.put("source", r.source().toString());
                rails.add(rm);
            }
            sm.put("rails", rails);
            sensors.add(sm);
        }
        m.put("sensors", sensors);
        m.put("problems", d.problems());
        return m;
    }

    private static Map<String, Object> readings(EnergyMeter meter) {
        Map<String, Object> rails = new LinkedHashMap<>();
        for (Rail r : meter.rails()) {
            double w = meter.latestWatts(r.id());
            Status status = meter.latest(r.id()).map(Sample::status).orElse(Status.NOT_READ);
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("watts", Double.isNaN(w) ? null : w);
            rm.put("status", status.name().toLowerCase(Locale.ROOT));
            if (!status.valid()) {
                rm.put("reason", status.reason());
            }
            rails.put(r.id(), rm);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("monotonicNanos", meter.now());
        m.put("rails", rails);
        return m;
    }
}
