package org.dynnd.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SensorsCommandTest {
    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * An XU3's four INA231 chips on bus 0 and one RAPL zone, with the formats of
     * boards/odroid-xu3.yaml (ina231_vendor_sysfs) and boards/x86-rapl.yaml (zone_files).
     */
    @BeforeEach
    void board() throws IOException {
        String[][] chips = {{"0040", "sensor_arm", "0.518144\n"}, {"0041", "sensor_mem", "0.102400\n"},
            {"0044", "sensor_g3d", "0.000000\n"}, {"0045", "sensor_kfc", "0.061000\n"}};
        for (String[] c : chips) {
            Path d = Files.createDirectories(root.resolve("sys/bus/i2c/drivers/INA231/0-" + c[0]));
            Files.writeString(d.resolve("sensor_name"), c[1] + "\n");
            Files.writeString(d.resolve("enable"), "0\n");
            Files.writeString(d.resolve("update_period"), "263808 usec\n");
            Files.writeString(d.resolve("sensor_W"), c[2]);
        }
        Path zone = Files.createDirectories(root.resolve("sys/devices/virtual/powercap/intel-rapl/intel-rapl:0"));
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("energy_uj"), "2469474853\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143999938\n");
    }

    private int run(String... args) {
        CommandLine line = new CommandLine(new DynndMain());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void listsRailsThenWatts() throws IOException {
        assertThat(run("sensors", "--sysfs-root", root.toString(), "--period-ms", "10")).isZero();
        String text = out.toString();
        assertThat(text).contains("5 sensors, 5 rails");
        assertThat(text).containsPattern("ina231-sysfs +ina231:0-0040 +a15 +W +263\\.808 ms");
        assertThat(text).containsPattern("rapl +rapl +package-0 +J \\(uJ counter\\)");
        assertThat(text).containsPattern("a15 +0\\.518\\n");
        assertThat(text).containsPattern("a7 +0\\.061\\n");
        // The counter did not move between the two readings: 0 W, a valid reading.
        assertThat(text).containsPattern("package-0 +0\\.000\\n");
        // The chips were off and have been enabled.
        assertThat(Files.readString(root.resolve("sys/bus/i2c/drivers/INA231/0-0044/enable"))).isEqualTo("1\n");
    }

    @Test
    void printsJson() throws IOException {
        Files.writeString(root.resolve("sys/bus/i2c/drivers/INA231/0-0041/sensor_W"), "garbage\n");
        assertThat(run("sensors", "--sysfs-root", root.toString(), "--json", "--period-ms", "10")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("sensors")).hasSize(5);
        assertThat(json.at("/sensors/0/kind").asText()).isEqualTo("ina231-sysfs");
        assertThat(json.at("/sensors/0/refreshIntervalNanos").asLong()).isEqualTo(263_808_000L);
        assertThat(json.at("/sensors/4/rails/0/quantity").asText()).isEqualTo("energy");
        assertThat(json.at("/readings/rails/a15/watts").asDouble()).isEqualTo(0.518144);
        assertThat(json.at("/readings/rails/mem/watts").isNull()).isTrue();
        assertThat(json.at("/readings/rails/mem/status").asText()).isEqualTo("garbage");
    }

    @Test
    void watchPrintsOneJsonLinePerReading() throws IOException {
        assertThat(run("sensors", "--sysfs-root", root.toString(), "--json", "--watch", "--count", "3",
                "--period-ms", "10", "--no-enable")).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(4);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(lines[0]).get("sensors")).hasSize(5);
        assertThat(mapper.readTree(lines[3]).at("/rails/a15/watts").asDouble()).isEqualTo(0.518144);
        assertThat(Files.readString(root.resolve("sys/bus/i2c/drivers/INA231/0-0044/enable"))).isEqualTo("0\n");
    }

    @Test
    void aMissingRootIsAUserError() {
        String missing = root.resolve("nope").toString();
        assertThat(Cli.execute(new DynndMain(), "sensors", "--sysfs-root", missing)).isEqualTo(Cli.USAGE_ERROR);
    }
}
