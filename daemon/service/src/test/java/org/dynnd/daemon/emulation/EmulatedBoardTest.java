package org.dynnd.daemon.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPresets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated trees against the boards' facts. Expected names, modes and formats are copied
 * from the board reference notes (odroid-xu3.yaml: ina231_vendor_sysfs, cpufreq; jetson-nano.yaml:
 * ina3221x_iio, gpu) — the notes themselves are not read by tests.
 */
class EmulatedBoardTest {

    static final long[] A7 = {200000, 300000, 400000, 500000, 600000, 700000, 800000, 900000, 1000000, 1100000, 1200000, 1300000, 1400000};
    static final long[] A15 = {200000, 300000, 400000, 500000, 600000, 700000, 800000, 900000, 1000000, 1100000, 1200000,
        1300000, 1400000, 1500000, 1600000, 1700000, 1800000, 1900000, 2000000};

    /** Power = 1 W per GHz while busy, 0.1 W idle; 1.1 V everywhere; 0.25 W base. Easy to check by hand. */
    static final BoardPhysics LINEAR = new BoardPhysics() {
        @Override
        public double unitPowerW(int unit, long khz, double utilization) {
            return 0.1 + utilization * khz / 1e6;
        }

        @Override
        public double unitVolts(int unit, long khz) {
            return 1.1;
        }

        @Override
        public double basePowerW() {
            return 0.25;
        }
    };

    @TempDir
    Path root;

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    BoardPresets presets;

    @BeforeEach
    void readPresets() throws Exception {
        presets = BoardPresets.load(Path.of("../..", "config", "boards"));
    }

    EmulatedBoard xu3(UnitActivity activity) throws Exception {
        BoardPreset preset = presets.byName("odroid-xu3").orElseThrow();
        List<EmulatedUnit> units = List.of(
                new EmulatedUnit("a7", List.of(0, 1, 2, 3), A7, "policy0", null),
                new EmulatedUnit("a15", List.of(4, 5, 6, 7), A15, "policy4", null));
        EmulatedBoard board = new EmulatedBoard(root, preset, units, LINEAR, activity, clock::get);
        board.build();
        return board;
    }

    @Test
    void theXu3SensorsAreTheVendorDriversFiles() throws Exception {
        xu3(new UnitActivity(2, clock::get));
        Path arm = root.resolve("sys/bus/i2c/drivers/INA231/3-0040");
        assertThat(Files.isSymbolicLink(arm)).isTrue();
        assertThat(Files.readString(arm.resolve("sensor_name"))).isEqualTo("sensor_arm\n");
        assertThat(Files.readString(root.resolve("sys/bus/i2c/drivers/INA231/3-0045/sensor_name"))).isEqualTo("sensor_kfc\n");
        assertThat(Files.readString(root.resolve("sys/bus/i2c/drivers/INA231/3-0044/sensor_name"))).isEqualTo("sensor_g3d\n");
        assertThat(Files.readString(arm.resolve("update_period"))).isEqualTo("263808 usec\n");
        assertThat(Files.readString(arm.resolve("enable"))).isEqualTo("0\n");
        assertThat(Files.readString(arm.resolve("sensor_W"))).isEqualTo("0.000000\n");
        assertThat(mode(arm.resolve("sensor_W"))).isEqualTo("r--r--r--");
        assertThat(mode(arm.resolve("enable"))).isEqualTo("rw-r--r--");
    }

    @Test
    void anEnabledIna231PublishesTheDriversArithmeticAtItsOwnPace() throws Exception {
        UnitActivity activity = new UnitActivity(2, clock::get);
        EmulatedBoard board = xu3(activity);
        Path arm = root.resolve("sys/bus/i2c/drivers/INA231/3-0040");
        Files.writeString(arm.resolve("enable"), "1\n");
        activity.begin(1);
        clock.addAndGet(100_000_000);
        board.tick();
        assertThat(Files.readString(arm.resolve("sensor_W"))).as("not yet one update_period").isEqualTo("0.000000\n");
        clock.addAndGet(200_000_000);
        board.tick();
        String watts = Files.readString(arm.resolve("sensor_W"));
        assertThat(watts).matches("\\d+\\.\\d{6}\n");
        long uV = micro(Files.readString(arm.resolve("sensor_V")));
        long uA = micro(Files.readString(arm.resolve("sensor_A")));
        assertThat(uV % 1250).as("bus voltage LSB 1.25 mV").isZero();
        assertThat(uA % 274).as("current LSB of a 9 A sensor: 9e6/32768 = 274 uA").isZero();
        assertThat(micro(watts)).isEqualTo((uV / 1000) * (uA / 1000));
        // Busy the whole time at the boot frequency (2.0 GHz): 0.1 + 2.0 W.
        assertThat(micro(watts) / 1e6).isCloseTo(2.1, org.assertj.core.data.Offset.offset(0.01));
        // A disabled sensor reads zeros, as the driver's next poll zeroes its values.
        assertThat(Files.readString(root.resolve("sys/bus/i2c/drivers/INA231/3-0045/sensor_W"))).isEqualTo("0.000000\n");
    }

    @Test
    void cpufreqFollowsTheUserspaceGovernor() throws Exception {
        EmulatedBoard board = xu3(new UnitActivity(2, clock::get));
        Path policy4 = root.resolve("sys/devices/system/cpu/cpufreq/policy4");
        assertThat(Files.readString(policy4.resolve("related_cpus"))).isEqualTo("4 5 6 7\n");
        assertThat(Files.readString(root.resolve("sys/devices/system/cpu/cpufreq/policy0/scaling_available_frequencies")))
                .isEqualTo("200000 300000 400000 500000 600000 700000 800000 900000 1000000 1100000 1200000 1300000 1400000 \n");
        assertThat(Files.isSymbolicLink(root.resolve("sys/devices/system/cpu/cpu5/cpufreq"))).isTrue();
        assertThat(Files.isSameFile(root.resolve("sys/devices/system/cpu/cpu5/cpufreq"), policy4)).isTrue();
        assertThat(mode(policy4.resolve("cpuinfo_cur_freq"))).isEqualTo("r--------");
        assertThat(Files.readString(policy4.resolve("scaling_setspeed"))).isEqualTo("<unsupported>\n");

        Files.writeString(policy4.resolve("scaling_governor"), "userspace\n");
        Files.writeString(policy4.resolve("scaling_setspeed"), "1050000\n");
        board.tick();
        assertThat(Files.readString(policy4.resolve("scaling_cur_freq"))).as("RELATION_L rounds up").isEqualTo("1100000\n");
        assertThat(board.frequencyKHz(1)).isEqualTo(1_100_000);

        Files.writeString(policy4.resolve("scaling_governor"), "ondemand\n");
        Files.writeString(policy4.resolve("scaling_max_freq"), "1500000\n");
        board.setExtraLoad(1, 1.0);
        board.tick();
        assertThat(Files.readString(policy4.resolve("scaling_cur_freq"))).isEqualTo("1500000\n");
        assertThat(Files.readString(policy4.resolve("scaling_setspeed"))).isEqualTo("<unsupported>\n");
    }

    @Test
    void theNanoSensorsAreTheIioDriversFiles() throws Exception {
        BoardPreset preset = presets.byName("jetson-nano").orElseThrow();
        long[] cpu = {102000, 204000, 307200, 403200, 518400, 614400, 710400, 825600, 921600, 1036800, 1132800, 1224000, 1326000, 1428000, 1479000};
        long[] gpu = {76800, 153600, 230400, 307200, 384000, 460800, 537600, 614400, 691200, 768000, 844800, 921600};
        UnitActivity activity = new UnitActivity(2, clock::get);
        EmulatedBoard board = new EmulatedBoard(root, preset, List.of(
                new EmulatedUnit("a57", List.of(0, 1, 2, 3), cpu, "policy0", null),
                new EmulatedUnit("gpu", List.of(0), gpu, null, "sys/devices/57000000.gpu/devfreq/57000000.gpu")),
                LINEAR, activity, clock::get);
        board.build();
        Path iio = root.resolve("sys/bus/i2c/drivers/ina3221x/6-0040/iio:device0");
        assertThat(Files.readString(iio.resolve("rail_name_0"))).isEqualTo("POM_5V_IN\n");
        assertThat(Files.readString(iio.resolve("rail_name_2"))).isEqualTo("POM_5V_CPU\n");
        assertThat(mode(iio.resolve("rail_name_0"))).isEqualTo("rw-------");
        assertThat(Files.readString(iio.resolve("polling_delay_1"))).isEqualTo("0 ms\n");
        assertThat(Files.readString(iio.resolve("crit_power_limit_1"))).isEqualTo("0 mw\n");
        assertThat(Files.readString(root.resolve("sys/devices/57000000.gpu/devfreq/57000000.gpu/available_frequencies")))
                .startsWith("76800000 153600000 ").endsWith(" 921600000\n");
        assertThat(Files.isSymbolicLink(root.resolve("sys/class/devfreq/57000000.gpu"))).isTrue();

        activity.begin(0);
        clock.addAndGet(50_000_000);
        board.tick();
        long mV = Long.parseLong(Files.readString(iio.resolve("in_voltage2_input")).strip());
        long mA = Long.parseLong(Files.readString(iio.resolve("in_current2_input")).strip());
        long mW = Long.parseLong(Files.readString(iio.resolve("in_power2_input")).strip());
        assertThat(mV % 8).as("bus voltage LSB 8 mV").isZero();
        assertThat(mW).isEqualTo(mV * mA / 1000);
        // CPU busy at 1.479 GHz: 0.1 + 1.479 W; the total adds the idle GPU (0.1 W) and the base.
        assertThat(mW / 1000.0).isCloseTo(1.579, org.assertj.core.data.Offset.offset(0.01));
        long totalMw = Long.parseLong(Files.readString(iio.resolve("in_power0_input")).strip());
        assertThat(totalMw / 1000.0).isCloseTo(1.579 + 0.1 + 0.25, org.assertj.core.data.Offset.offset(0.01));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static long micro(String text) {
        String[] parts = text.strip().split("\\.");
        return Long.parseLong(parts[0]) * 1_000_000 + Long.parseLong(parts[1]);
    }
}
