package org.dynnd.daemon.emulation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.dynnd.daemon.config.CoRunnerConfig;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.UnitModel;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.ModelProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board imitated on this machine: its sysfs tree in the runtime folder, kept alive by the
 * governor's board model every {@value #TICK_MS} ms, and the board's latency for each inference
 * computed on the host. Scheduled co-runners slow inference on their unit and load it.
 */
public final class EmulatedPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatedPlatform.class);
    static final long TICK_MS = 50;

    private final BoardModel model;
    private final EmulatedBoard board;
    private final UnitActivity activity;
    private final CoRunnerSchedule coRunners;
    private final ScheduledFuture<?> ticker;

    private EmulatedPlatform(BoardModel model, EmulatedBoard board, UnitActivity activity, CoRunnerSchedule coRunners,
            ScheduledFuture<?> ticker) {
        this.model = model;
        this.board = board;
        this.activity = activity;
        this.coRunners = coRunners;
        this.ticker = ticker;
    }

    /** Opens (or builds) the tree of {@code preset} under {@code runtimeDir} and starts its kernel. */
    public static EmulatedPlatform start(BoardPreset preset, BoardModel model, List<CoRunnerConfig> coRunnerConfig, Path runtimeDir,
            ScheduledExecutorService scheduler, LongSupplier nanoClock) throws IOException, ConfigException {
        CoRunnerSchedule coRunners = schedule(model, coRunnerConfig, nanoClock);
        List<EmulatedUnit> units = new ArrayList<>();
        for (UnitModel unit : model.units()) {
            ComputeUnit cu = unit.unit();
            BoardPreset.UnitPreset knob = preset.units().stream().filter(u -> u.name().equals(cu.name())).findFirst()
                    .orElseThrow(() -> new IOException("board preset " + preset.name() + " has no unit '" + cu.name()
                            + "' of the board model; allowed: units named as in the model"));
            units.add(new EmulatedUnit(cu.name(), cu.cpus(), cu.frequenciesKHz(), knob.cpufreqPolicy(), knob.devfreq()));
        }
        UnitActivity activity = new UnitActivity(units.size(), nanoClock);
        Path root = runtimeDir.resolve("emulated-" + preset.name());
        EmulatedBoard board = new EmulatedBoard(root, preset, units, physics(model), activity, nanoClock);
        board.reopen();
        boolean[] running = new boolean[units.size()];
        ScheduledFuture<?> ticker = scheduler.scheduleAtFixedRate(() -> {
            try {
                applyCoRunners(coRunners, board, running);
                board.tick();
            } catch (IOException | RuntimeException e) {
                LOG.warn("emulated board: {}", e.toString());
            }
        }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        LOG.info("emulated {} at {}", preset.name(), root);
        return new EmulatedPlatform(model, board, activity, coRunners, ticker);
    }

    /** The configured co-runners, their units resolved against the board model's. */
    static CoRunnerSchedule schedule(BoardModel model, List<CoRunnerConfig> config, LongSupplier nanoClock)
            throws ConfigException {
        List<String> names = model.units().stream().map(u -> u.unit().name()).toList();
        List<CoRunnerSchedule.CoRunner> runners = new ArrayList<>();
        for (int i = 0; i < config.size(); i++) {
            CoRunnerConfig c = config.get(i);
            int unit = names.indexOf(c.unit());
            if (unit < 0) {
                throw new ConfigException("emulation.co_runner." + i + ".unit: '" + c.unit() + "' is not a unit of board "
                        + model.name() + "; allowed: " + String.join(", ", names));
            }
            runners.add(new CoRunnerSchedule.CoRunner(unit, (long) (c.startS() * 1e9), (long) (c.durationS() * 1e9),
                    c.slowdown(), c.load()));
        }
        return new CoRunnerSchedule(runners, nanoClock);
    }

    /** Puts each unit's co-runner load on the board, logging when one starts or stops. */
    private static void applyCoRunners(CoRunnerSchedule coRunners, EmulatedBoard board, boolean[] running) {
        for (int u = 0; u < running.length; u++) {
            boolean now = coRunners.running(u);
            if (now != running[u]) {
                String unit = board.units().get(u).name();
                if (now) {
                    LOG.info("co-runner on {} started: slowdown {}, load {}", unit, coRunners.slowdown(u), coRunners.load(u));
                } else {
                    LOG.info("co-runner on {} stopped", unit);
                }
                running[u] = now;
            }
            board.setExtraLoad(u, coRunners.load(u));
        }
    }

    /** Starts the co-runners' clock: their start times count from now (the daemon is ready). */
    public void ready() {
        coRunners.start();
    }

    public Path sysfsRoot() {
        return board.root();
    }

    public UnitActivity activity() {
        return activity;
    }

    /** The board's latency for an inference the host ran; see {@link EmulatedLatency}. */
    public LatencyDilation dilation(OpSpace space, ModelProfile profile, HostBaseline host) {
        return EmulatedLatency.dilation(model, space, profile, host, coRunners::slowdown);
    }

    @Override
    public void close() {
        ticker.cancel(false);
    }

    /** The board model's power, as the emulated sensors report it. */
    static BoardPhysics physics(BoardModel model) {
        return new BoardPhysics() {
            @Override
            public double unitPowerW(int unit, long khz, double utilization) {
                UnitModel u = model.units().get(unit);
                int f = index(u, khz);
                return u.idleW(f) + utilization * (u.busyW(f) - u.idleW(f));
            }

            @Override
            public double unitVolts(int unit, long khz) {
                UnitModel u = model.units().get(unit);
                return u.volts()[index(u, khz)];
            }

            @Override
            public double basePowerW() {
                return model.basePowerW();
            }
        };
    }

    private static int index(UnitModel unit, long khz) {
        long[] freqs = unit.unit().frequenciesKHz();
        int best = 0;
        for (int i = 0; i < freqs.length; i++) {
            if (freqs[i] <= khz) {
                best = i;
            }
        }
        return best;
    }
}
