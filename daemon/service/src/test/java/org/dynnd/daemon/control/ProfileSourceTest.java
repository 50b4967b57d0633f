package org.dynnd.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.CalibrationProbe;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSourceTest {

    final BoardModel board = Boards.odroidXu3(4);
    final ModelProfile model = new GroupedAlexNetCost(4).profile("grouped-alexnet", "abc", new double[] {86, 87, 87.5, 88});
    final OpSpace space = board.opSpace(model.ks());
    final Profile prior = board.profile(space, model);

    /** The board model measured with a 10% slower clock than the model assumes, counting the runs. */
    final AtomicInteger runs = new AtomicInteger();
    final CalibrationProbe slower = new CalibrationProbe() {
        @Override
        public double meanLatencyMs(OperatingPoint op, int inferences) {
            runs.incrementAndGet();
            return 1.1 * board.latencyMs(op, model.costOf(op.k()));
        }

        @Override
        public double busyPowerW(OperatingPoint op, int inferences) {
            runs.incrementAndGet();
            return board.busyPowerW(op);
        }

        @Override
        public double idlePowerW(int unit, long frequencyKHz) {
            return board.idlePowerW(new OperatingPoint(4, unit, frequencyKHz));
        }
    };

    @Test
    void anEmulatedBoardUsesItsBoardModelWithoutMeasuring(@TempDir Path cache) throws Exception {
        Profile chosen = ProfileSource.choose("auto", true, prior, "emulated:odroid-xu3", model, space, cache, slower);
        assertThat(chosen).isSameAs(prior);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aRealBoardCalibratesOnceThenLoadsTheCachedProfile(@TempDir Path cache) throws Exception {
        Profile first = ProfileSource.choose("auto", false, prior, "odroid-xu3", model, space, cache, slower);
        int measured = runs.get();
        assertThat(measured).isPositive();
        int op = space.indexOf(new OperatingPoint(4, 1, 2_000_000));
        assertThat(first.latencyMs(op)).isCloseTo(1.1 * prior.latencyMs(op), org.assertj.core.data.Offset.offset(0.02 * prior.latencyMs(op)));

        Profile second = ProfileSource.choose("auto", false, prior, "odroid-xu3", model, space, cache, slower);
        assertThat(runs).as("loaded from the cache, not measured again").hasValue(measured);
        assertThat(second.latencyMs(op)).isCloseTo(first.latencyMs(op), org.assertj.core.data.Offset.offset(1e-6));

        ProfileSource.choose("measure", false, prior, "odroid-xu3", model, space, cache, slower);
        assertThat(runs.get()).as("measure always calibrates").isGreaterThan(measured);
    }

    @Test
    void boardModelWithoutAModelIsAConfigurationError(@TempDir Path cache) {
        assertThatThrownBy(() -> ProfileSource.choose("board-model", false, null, "jetson-orin", model, space, cache, slower))
                .isInstanceOf(ConfigException.class)
                .hasMessage("governor.calibration: board-model, but board jetson-orin has no board model; allowed here: auto or measure");
    }
}
