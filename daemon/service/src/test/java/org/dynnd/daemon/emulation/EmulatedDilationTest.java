package org.dynnd.daemon.emulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.dynnd.daemon.config.CoRunnerConfig;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatedDilationTest {

    private static final long S = 1_000_000_000L;

    @TempDir
    Path runtime;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong clock = new AtomicLong(S);
    private final BoardModel xu3 = Boards.byName("odroid-xu3", 4);
    private final ModelProfile profile = new GroupedAlexNetCost(4).profile("alexnet", "test", new double[] {86, 86.5, 87, 87.5});

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private EmulatedPlatform start(List<CoRunnerConfig> coRunners) throws Exception {
        var preset = BoardPresets.load(Path.of("../..", "config", "boards")).byName("odroid-xu3").orElseThrow();
        return EmulatedPlatform.start(preset, xu3, coRunners, runtime, scheduler, clock::get);
    }

    @Test
    void atTheHostsTypicalTimeTheBoardTakesWhatItsModelSaysAndAStallAddsItsOwnLength() throws Exception {
        EmulatedPlatform platform = start(List.of());
        OpSpace space = new OpSpace(xu3.units().stream().map(u -> u.unit()).toList(), new int[] {1, 2, 3, 4});
        LatencyDilation dilation = platform.dilation(space, profile, new HostBaseline(new double[] {1, 2, 3, 4}));
        int op = space.indexOf(new OperatingPoint(2, space.unitIndex("a15"), 1_800_000));
        double model = xu3.latencyMs(space.point(op), profile.costOf(2));
        assertThat(dilation.boardMs(op, 2.0)).isCloseTo(model, within(1e-9));
        assertThat(dilation.boardMs(op, 2.0)).isCloseTo(model, within(1e-9));
        // A 10 ms wait for a core on the host is 10 ms on the board, not 10 ms times board/host.
        assertThat(dilation.boardMs(op, 12.0)).isCloseTo(model + 10, within(1e-9));
        platform.close();
    }

    @Test
    void aCoRunnerSlowsOnlyItsOwnUnitAndOnlyInItsWindowAfterTheDaemonIsReady() throws Exception {
        EmulatedPlatform platform = start(List.of(new CoRunnerConfig("a15", 10.0, 5.0, 2.0, 1.0)));
        OpSpace space = new OpSpace(xu3.units().stream().map(u -> u.unit()).toList(), new int[] {1, 2, 3, 4});
        LatencyDilation dilation = platform.dilation(space, profile, new HostBaseline(new double[] {1, 1, 1, 1}));
        int big = space.indexOf(new OperatingPoint(1, space.unitIndex("a15"), 2_000_000));
        int little = space.indexOf(new OperatingPoint(1, space.unitIndex("a7"), 1_400_000));
        double bigMs = xu3.latencyMs(space.point(big), profile.costOf(1));
        double littleMs = xu3.latencyMs(space.point(little), profile.costOf(1));
        platform.ready();
        clock.addAndGet(12 * S);
        assertThat(dilation.boardMs(big, 1.0)).isCloseTo(2 * bigMs, within(1e-9));
        assertThat(dilation.boardMs(little, 1.0)).isCloseTo(littleMs, within(1e-9));
        clock.addAndGet(4 * S);
        assertThat(dilation.boardMs(big, 1.0)).isCloseTo(bigMs, within(1e-9));
        platform.close();
    }

    @Test
    void aCoRunnerOnAUnitTheBoardDoesNotHaveIsRefusedWithTheUnitsItHas() {
        assertThatThrownBy(() -> start(List.of(new CoRunnerConfig("a57", 1.0, 1.0, 2.0, 1.0))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("emulation.co_runner.0.unit: 'a57' is not a unit of board")
                .hasMessageEndingWith("; allowed: a7, a15");
    }
}
