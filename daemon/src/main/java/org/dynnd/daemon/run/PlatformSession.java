package org.dynnd.daemon.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.daemon.runtime.DaemonRuntime;
import org.dynnd.daemon.state.BoardLock;
import org.dynnd.daemon.state.HardwareStateFile;
import org.dynnd.daemon.state.RestoreReport;
import org.dynnd.governor.actuate.Actuators;
import org.dynnd.governor.actuate.Errno;
import org.dynnd.governor.actuate.FrequencyKnob;
import org.dynnd.governor.actuate.KnobException;
import org.dynnd.governor.actuate.LibcAffinity;
import org.dynnd.governor.actuate.SysfsIo;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.Calibrator;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.models.runtime.DynamicModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real board opened to be measured, as the daemon opens it: its preset, its units and frequency
 * knobs ({@link BoardUnits}), its power sensors ({@link SensorsSetup}) and the actuators that set
 * a unit's frequency and pin the inference threads to it. Every sysfs file is recorded in the
 * hardware-state file before its first write ({@link StateRecordingIo}); {@link #close()} puts
 * the hardware back, and so does a shutdown hook when the process is stopped (Ctrl-C) first.
 */
public final class PlatformSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSession.class);

    private final BoardPreset preset;
    private final BoardUnits board;
    private final HardwareStateFile state;
    private final ClosingIo io;
    private final SensorsSetup sensors;
    private final InferenceThreads threads;
    private final LibcAffinity libc = new LibcAffinity();
    private final LongSupplier nanoClock;
    private final Thread hook;
    private final BoardLock lock;
    private Actuators actuators;
    private boolean closed;

    private PlatformSession(BoardPreset preset, BoardUnits board, HardwareStateFile state, ClosingIo io,
            SensorsSetup sensors, LongSupplier nanoClock, BoardLock lock) {
        this.lock = lock;
        this.preset = preset;
        this.nanoClock = nanoClock;
        this.board = board;
        this.state = state;
        this.io = io;
        this.sensors = sensors;
        this.threads = new InferenceThreads(libc, new NativeWorkers(Path.of("/proc/self/task")));
        this.hook = new Thread(this::restore, "dynnd-restore");
    }

    /**
     * Opens the board {@code name} ({@code auto}: detected from {@code sysfsRoot}) for measuring
     * {@code groups}-group models. A state file left by a run that died is restored first.
     *
     * @param presetsFolder the board presets ({@code config/boards})
     * @param stateFile where the original contents of every written file are kept until restored
     * @throws ConfigException when the board is unknown, its frequencies cannot be written (not
     *     root) or it has no readable power sensor; the message says what is needed
     */
    public static PlatformSession open(String name, Path presetsFolder, Path sysfsRoot, Path stateFile, int groups)
            throws ConfigException, IOException {
        return open(name, presetsFolder, sysfsRoot, stateFile, groups, System::nanoTime);
    }

    /**
     * As {@link #open(String, Path, Path, Path, int)}, on the monotonic clock {@code nanoClock}: the
     * sensors' readings are stamped with it and the calibration times its windows with it.
     */
    public static PlatformSession open(String name, Path presetsFolder, Path sysfsRoot, Path stateFile, int groups,
            LongSupplier nanoClock) throws ConfigException, IOException {
        return open(name, presetsFolder, sysfsRoot, stateFile, groups, Files::isWritable, nanoClock);
    }

    /** As {@link #open(String, Path, Path, Path, int)}, with what tells whether this process may write a file. */
    static PlatformSession open(String name, Path presetsFolder, Path sysfsRoot, Path stateFile, int groups,
            Predicate<Path> writable) throws ConfigException, IOException {
        return open(name, presetsFolder, sysfsRoot, stateFile, groups, writable, System::nanoTime);
    }

    private static PlatformSession open(String name, Path presetsFolder, Path sysfsRoot, Path stateFile, int groups,
            Predicate<Path> writable, LongSupplier nanoClock) throws ConfigException, IOException {
        BoardPresets presets = BoardPresets.load(presetsFolder);
        BoardPreset preset = name.equals("auto") ? presets.detect(sysfsRoot)
                : presets.byName(name).orElseThrow(() -> new ConfigException("--platform: no board preset '" + name
                        + "' in " + presetsFolder + "; allowed: auto, " + String.join(", ",
                                presets.all().stream().map(BoardPreset::name).toList())));
        BoardLock lock;
        try {
            // The report writes the same knobs as a daemon: never beside a running one.
            lock = BoardLock.acquire(stateFile.getParent(), sysfsRoot);
        } catch (BoardLock.AlreadyManagedException e) {
            throw new ConfigException(e.getMessage());
        }
        try {
            return open(preset, sysfsRoot, stateFile, groups, writable, nanoClock, lock);
        } catch (ConfigException | IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static PlatformSession open(BoardPreset preset, Path sysfsRoot, Path stateFile, int groups,
            Predicate<Path> writable, LongSupplier nanoClock, BoardLock lock) throws ConfigException, IOException {
        DaemonRuntime.restoreLeftover(stateFile);
        HardwareStateFile state = new HardwareStateFile(stateFile, sysfsRoot, ProcessHandle.current().pid());
        BoardModel model = preset.boardModel().isEmpty() ? null : Boards.byName(preset.boardModel(), groups);
        ClosingIo io = new ClosingIo(new StateRecordingIo(SysfsIo.FILES, state, sysfsRoot));
        BoardUnits board = BoardUnits.of(preset, model, sysfsRoot, io, false);
        requireWritable(preset, board.knobs(), writable);
        SensorsSetup sensors = SensorsSetup.start(preset, DynndConfig.defaults(), sysfsRoot, state, nanoClock);
        if (sensors.power().none()) {
            sensors.close();
            state.restore(); // an INA231 that discovery switched on is switched off again
            throw new ConfigException("board " + preset.name() + ": no readable power sensor under " + sysfsRoot
                    + " (RAPL, hwmon INA2xx/INA3221, INA231); the report measures every operating point's power on the"
                    + " board; allowed: a board with readable power rails (RAPL's energy_uj is root-only: run as root)");
        }
        PlatformSession session = new PlatformSession(preset, board, state, io, sensors, nanoClock, lock);
        Runtime.getRuntime().addShutdownHook(session.hook);
        return session;
    }

    /** Refuses a board whose frequency files this process cannot write, before anything is written. */
    private static void requireWritable(BoardPreset preset, List<FrequencyKnob> knobs, Predicate<Path> writable)
            throws ConfigException {
        for (FrequencyKnob knob : knobs) {
            Map<Path, String> files;
            try {
                files = knob.snapshot();
            } catch (KnobException e) {
                throw new ConfigException("board " + preset.name() + ": cannot read " + knob.describe() + ": " + e.getMessage());
            }
            for (Path file : files.keySet()) {
                if (!writable.test(file)) {
                    throw new ConfigException("board " + preset.name() + ": cannot write " + file + "; the report sets"
                            + " each unit's frequency and pins inference to it, which needs root (run it with sudo)");
                }
            }
        }
    }

    /** The preset's name, such as {@code generic}. */
    public String name() {
        return preset.name();
    }

    /** The units inference can run on here, in operating-point order. */
    public List<ComputeUnit> units() {
        return board.units();
    }

    /** The board model restricted to {@link #units()}, or null when the board has none. */
    public BoardModel boardModel() {
        return board.model();
    }

    /**
     * Measures {@code model} on every unit as the daemon's calibration does ({@link Calibrator}:
     * latency at three frequencies per k and unit, fitted with t = a/f + b; busy and idle power at
     * every frequency from the sensors), on an inference thread the actuators pin to each unit.
     *
     * @param limit the most the calibration may take
     * @throws ConfigException when it does not finish within {@code limit}
     */
    public Profile calibrate(DynamicModel model, ModelProfile modelProfile, Duration limit, int inferencesPerPoint)
            throws ConfigException, IOException {
        OpSpace space = new OpSpace(units(), modelProfile.ks());
        int hostCpus = Runtime.getRuntime().availableProcessors();
        synchronized (this) {
            actuators = new Actuators(units(), board.knobs(), libc, threads::threadIds,
                    cores -> model.setThreads(Math.min(cores, hostCpus)));
        }
        int initial = space.indexOf(new OperatingPoint(space.maxK(), 0, units().get(0).maxFrequencyKHz()));
        CalibrationRun probe = new CalibrationRun(space, new OperatingPointSwitch(space, actuators, null, initial), model,
                LatencyDilation.NONE, null, sensors.power(), nanoClock);
        return DaemonAssembly.onInferenceThread(threads, () -> {
            try {
                return new Calibrator(probe, nanoClock, limit, inferencesPerPoint).calibrate(space, modelProfile);
            } catch (Calibrator.CalibrationFailedException e) {
                throw new ConfigException("calibration on " + preset.name() + " failed: " + e.getMessage());
            }
        });
    }

    /** Puts the affinities and every written file back; only the first call does anything. */
    private synchronized void restore() {
        if (closed) {
            return;
        }
        closed = true;
        if (actuators != null) {
            actuators.restore().forEach(f -> LOG.warn("could not restore {}: {}", f.where(), f.message()));
        }
        // A calibration still running (stopped by Ctrl-C) must not write after the originals are back.
        io.close();
        try {
            RestoreReport report = state.restore();
            report.failures().forEach(f -> LOG.error("could not restore {}", f));
        } catch (IOException e) {
            LOG.error("cannot remove the hardware-state file {}: {}", state.file(), e.toString());
        }
        sensors.close();
    }

    @Override
    public void close() {
        restore();
        lock.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The process is shutting down: the hook has run or is running restore() itself.
        }
    }

    /** The knobs' file access until {@link #close()}; writes after it are refused, so nothing lands after the restore. */
    private static final class ClosingIo implements SysfsIo {
        private final SysfsIo files;
        private boolean closed;

        ClosingIo(SysfsIo files) {
            this.files = files;
        }

        @Override
        public String read(Path path) throws KnobException {
            return files.read(path);
        }

        @Override
        public synchronized void write(Path path, String value) throws KnobException {
            if (closed) {
                throw new KnobException(path.toString(), Errno.EIO, "the board was restored: measuring has stopped");
            }
            files.write(path, value);
        }

        synchronized void close() {
            closed = true;
        }
    }
}
