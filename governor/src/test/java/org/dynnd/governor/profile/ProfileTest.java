package org.dynnd.governor.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.sim.SimulatedProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

    private static final double[] ACCURACY = {68.0, 77.5, 81.0, 83.0};

    @TempDir
    Path dir;

    private final BoardModel board = Boards.odroidXu3(4);
    private final ModelProfile model = new GroupedAlexNetCost(4).profile("grouped-alexnet", "1", ACCURACY);
    private final OpSpace space = board.opSpace(model.ks());

    @Test
    void groupConvolutionMakesCostLinearInK() {
        GroupedAlexNetCost cost = new GroupedAlexNetCost(4);
        // Layer by layer at G=4: 32*32*16*3*25 + 16*16*48*16*25 + 8*8*96*48*9 + 8*8*64*96*9 + 8*8*64*64*9
        // multiply-accumulates per group, plus the classifier's 64*4*4*10.
        long perGroup = 32L * 32 * 16 * 3 * 25 + 16L * 16 * 48 * 16 * 25 + 8L * 8 * 96 * 48 * 9 + 8L * 8 * 64 * 96 * 9
                + 8L * 8 * 64 * 64 * 9 + 64L * 4 * 4 * 10;
        assertThat(cost.macs(1)).isEqualTo(perGroup);
        assertThat(cost.macs(4)).isEqualTo(4 * perGroup);
        assertThat(cost.relativeCosts()).containsExactly(0.25, 0.5, 0.75, 1.0);
        assertThatThrownBy(() -> new GroupedAlexNetCost(5)).hasMessageContaining("does not divide");
    }

    @Test
    void fitsLatencyAsWorkOverFrequencyPlusAConstant() {
        double[] f = {200000, 1000000, 2000000};
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = 14_700_000 / f[i] + 1.0;
        }
        LatencyFit fit = LatencyFit.fit(f, t);
        assertThat(fit.a()).isCloseTo(14_700_000, within(1e-3));
        assertThat(fit.b()).isCloseTo(1.0, within(1e-9));
        assertThat(LatencyFit.fit(new double[] {1000000}, new double[] {8}).latencyMs(2000000)).isEqualTo(4.0);
    }

    @Test
    void calibrationRecoversTheBoardWithinItsNoiseAndTime() throws Exception {
        SimulatedProbe probe = new SimulatedProbe(board.profile(space, model), 0.05, 0.02, 11);
        Profile measured = new Calibrator(probe, probe::nanoTime, Duration.ofSeconds(30), 10).calibrate(space, model);
        Profile truth = board.profile(space, model);
        for (int i = 0; i < space.size(); i++) {
            assertThat(measured.latencyMs(i) / truth.latencyMs(i)).isCloseTo(1.0, within(0.06));
            assertThat(measured.busyPowerW(i) / truth.busyPowerW(i)).isCloseTo(1.0, within(0.08));
        }
        assertThat(probe.nanoTime()).isLessThan(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void calibrationStopsAtItsTimeLimit() {
        SimulatedProbe probe = new SimulatedProbe(board.profile(space, model), 0.05, 0.02, 11);
        assertThatThrownBy(() -> new Calibrator(probe, probe::nanoTime, Duration.ofSeconds(1), 10)
                .calibrate(space, model)).isInstanceOf(Calibrator.CalibrationFailedException.class)
                .hasMessageContaining("1 s");
    }

    @Test
    void aPowerTheSensorsDidNotReadFailsTheCalibrationInsteadOfEnteringTheProfile() {
        Profile truth = board.profile(space, model);
        CalibrationProbe unread = new CalibrationProbe() {
            @Override
            public double meanLatencyMs(OperatingPoint op, int inferences) {
                return truth.latencyMs(space.indexOf(op));
            }

            @Override
            public double busyPowerW(OperatingPoint op, int inferences) {
                return Double.NaN;
            }

            @Override
            public double idlePowerW(int unit, long frequencyKHz) {
                return 0.1;
            }
        };
        assertThatThrownBy(() -> new Calibrator(unread, System::nanoTime, Duration.ofSeconds(30), 10).calibrate(space, model))
                .isInstanceOf(Calibrator.CalibrationFailedException.class)
                .hasMessage("the power sensors gave no reading while measuring the busy power of "
                        + space.unit(0).name() + " at " + space.unit(0).frequenciesKHz()[0]
                        + " kHz; check that the board's power sensors are readable (dynnd sensors)");
    }

    @Test
    void theCacheGivesBackTheSameProfileAndRefusesAnotherKey() throws Exception {
        ProfileCache cache = new ProfileCache(dir);
        Profile profile = board.profile(space, model);
        assertThat(cache.load("odroid-xu3", model, space)).isEmpty();
        Path file = cache.store("odroid-xu3", model, profile);
        Profile back = cache.load("odroid-xu3", model, space).orElseThrow();
        for (int i = 0; i < space.size(); i++) {
            assertThat(back.latencyMs(i)).isEqualTo(profile.latencyMs(i));
            assertThat(back.busyPowerW(i)).isEqualTo(profile.busyPowerW(i));
            assertThat(back.idlePowerW(i)).isEqualTo(profile.idlePowerW(i));
            assertThat(back.accuracyPercent(i)).isEqualTo(profile.accuracyPercent(i));
        }
        assertThat(Files.readAllLines(file).get(1)).isEqualTo("# board=odroid-xu3");
        // A file of another board copied over this key is an error that names the line.
        Path other = cache.fileFor("jetson-nano", model.name(), model.version());
        Files.copy(file, other);
        assertThatThrownBy(() -> cache.load("jetson-nano", model, board.opSpace(model.ks())))
                .hasMessageContaining(other + ":2").hasMessageContaining("board=odroid-xu3");
    }

    @Test
    void aDamagedCacheLineIsAnErrorNamingFileAndLine() throws Exception {
        ProfileCache cache = new ProfileCache(dir);
        Path file = cache.store("odroid-xu3", model, board.profile(space, model));
        var lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(7, "1,a7,300000,fast,1,1,68.0");
        Files.write(file, lines);
        assertThatThrownBy(() -> cache.load("odroid-xu3", model, space))
                .hasMessageContaining(file + ":8").hasMessageContaining("fast");
    }

    @Test
    void refinementMovesTowardsObservations() {
        Profile p = board.profile(space, model).copy();
        double before = p.latencyMs(10);
        p.refine(10, before * 2, Double.NaN, 0.5);
        assertThat(p.latencyMs(10)).isCloseTo(before * Math.sqrt(2), within(1e-9));
        assertThat(board.profile(space, model).latencyMs(10)).isEqualTo(before);
    }
}
