package org.dynnd.governor.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.junit.jupiter.api.Test;

class BoardModelTest {

    /** Rows of a POET config file: tab-separated (sometimes two tabs), '#' header, any line ending. */
    private static List<double[]> poet(String name) throws IOException {
        try (InputStream in = BoardModelTest.class.getResourceAsStream("/poet-odroidxue/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            List<double[]> rows = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.strip().split("\t+");
                double[] row = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    row[i] = Double.parseDouble(cells[i]);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Speedup and power of POET's big-cluster states (all four cores) at {@code khz}. */
    private static double[] poetAt(List<double[]> cpu, List<double[]> control, long khz) {
        for (int i = 0; i < cpu.size(); i++) {
            if ((long) cpu.get(i)[1] == khz && cpu.get(i)[2] == 3 && khz >= 800000) {
                return new double[] {control.get(i)[1], control.get(i)[2]};
            }
        }
        throw new AssertionError("no POET big-cluster state at " + khz + " kHz");
    }

    private static double elasticity(double y1, double y2, double x1, double x2) {
        return Math.log(y2 / y1) / Math.log(x2 / x1);
    }

    @Test
    void xu3BigClusterHasTheShapeOfPoetsMeasuredBigLittleTable() throws IOException {
        List<double[]> cpu = poet("cpu_config_x264_native");
        List<double[]> control = poet("control_config_x264_native");
        assertThat(cpu).hasSize(31);
        BoardModel xu3 = Boards.odroidXu3(4);
        double cost = 1.0;
        long[] f = {800000, 1000000, 1300000, 1600000};
        double[] poetSpeed = new double[4];
        double[] poetPower = new double[4];
        double[] ourSpeed = new double[4];
        double[] ourPower = new double[4];
        for (int i = 0; i < f.length; i++) {
            double[] p = poetAt(cpu, control, f[i]);
            poetSpeed[i] = p[0];
            poetPower[i] = p[1];
            OperatingPoint op = new OperatingPoint(4, 1, f[i]);
            ourSpeed[i] = 1 / xu3.latencyMs(op, cost);
            ourPower[i] = xu3.busyPowerW(op);
        }
        // Speedup close to linear in frequency (elasticity near 1) in both.
        assertThat(elasticity(poetSpeed[0], poetSpeed[3], f[0], f[3])).isCloseTo(1.0, within(0.1));
        assertThat(elasticity(ourSpeed[0], ourSpeed[3], f[0], f[3])).isCloseTo(1.0, within(0.1));
        // Power grows faster than frequency, and much faster at the top of the range than at the bottom.
        double poetLow = elasticity(poetPower[0], poetPower[1], f[0], f[1]);
        double poetTop = elasticity(poetPower[2], poetPower[3], f[2], f[3]);
        double ourLow = elasticity(ourPower[0], ourPower[1], f[0], f[1]);
        double ourTop = elasticity(ourPower[2], ourPower[3], f[2], f[3]);
        assertThat(poetTop).isGreaterThan(1.5).isGreaterThan(poetLow);
        assertThat(ourTop).isGreaterThan(1.5).isGreaterThan(ourLow);
        // Doubling the clock costs more than twice the power in both (POET: about 4x).
        assertThat(poetPower[3] / poetPower[0]).isGreaterThan(2.5);
        assertThat(ourPower[3] / ourPower[0]).isGreaterThan(2.5);
    }

    @Test
    void dynamicPowerIsCV2fFromTheDeviceTree() {
        BoardModel xu3 = Boards.odroidXu3(4);
        UnitModel a15 = xu3.units().get(1);
        // exynos5422-cpus.dtsi: 310 uW/MHz/V^2; exynos5800.dtsi: 2 GHz at 1.3125 V; four cores.
        assertThat(a15.dynamicW(18)).isCloseTo(310e-6 * 1.3125 * 1.3125 * 2000 * 4, within(1e-9));
        // The effective A15 table is not monotonic: 1.8 GHz runs at a lower voltage than 1.7 GHz.
        assertThat(a15.volts()[16]).isLessThan(a15.volts()[15]);
    }

    @Test
    void everyPresetGivesPositiveLatencyAndPowerRisingWithFrequency() {
        for (String name : Boards.NAMES) {
            BoardModel board = Boards.byName(name, 4);
            var space = board.opSpace(new int[] {1, 2, 3, 4});
            var profile = board.profile(space, new GroupedAlexNetCost(4).profile("m", "1", new double[] {1, 2, 3, 4}));
            // Points are numbered unit by unit, frequency by frequency, k fastest: i + 4 is the next clock.
            for (int i = 0; i + 4 < space.size(); i++) {
                if (space.unitOf(i) == space.unitOf(i + 4) && space.k(i) == space.k(i + 4)) {
                    assertThat(profile.latencyMs(i + 4)).as(name).isLessThan(profile.latencyMs(i));
                    assertThat(profile.busyPowerW(i + 4)).as(name).isGreaterThan(profile.busyPowerW(i));
                }
            }
        }
    }

    @Test
    void anUnknownBoardIsAClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Boards.byName("xu4", 4))
                .hasMessageContaining("xu4").hasMessageContaining("odroid-xu3");
    }
}
