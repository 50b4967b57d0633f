package org.dynnd.daemon.board;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.emulation.EmulatedPlatform;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.daemon.state.BoardLock;
import org.dynnd.daemon.state.HardwareStateFile;
import org.dynnd.daemon.state.RestoreReport;
import org.dynnd.governor.actuate.Actuators;
import org.dynnd.governor.actuate.AffinitySyscalls;
import org.dynnd.governor.actuate.FrequencyKnob;
import org.dynnd.governor.actuate.LibcAffinity;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.op.ComputeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One board, real or emulated, opened for the time a command drives it: its lock, its preset,
 * its units and frequency knobs ({@link BoardUnits}), its power sensors ({@link SensorsSetup}),
 * the threads inference runs on and the actuators that pin them and set frequencies. Every sysfs
 * file is recorded in the hardware-state file before its first write ({@link StateRecordingIo}).
 *
 * <p>{@link #restore()} puts the hardware back and from then on refuses every knob write, so a
 * control period or a calibration still running cannot change a file after its original is back;
 * a shutdown hook does the same when the process ends first. {@code dynnd run} and
 * {@code dynnd report} open their boards here, and so do the tests.
 */
public final class BoardSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoardSession.class);

    private final BoardRequest request;
    private final BoardPreset preset;
    private final BoardLock lock;
    private final HardwareStateFile state;
    private final ClosingSysfsIo io;
    private final BoardUnits board;
    private final SensorsSetup sensors;
    private final EmulatedPlatform emulated;
    private final ScheduledExecutorService emulationTicks;
    private final LibcAffinity libc = new LibcAffinity();
    private final InferenceThreads threads;
    private final HostCpuAffinity hostAffinity;
    private final Thread hook = new Thread(this::restoreQuietly, "dynnd-restore");
    private Actuators actuators;
    private boolean restored;

    private BoardSession(BoardParts p) {
        this.request = p.request;
        this.preset = p.preset;
        this.lock = p.lock;
        this.state = p.state;
        this.io = p.io;
        this.board = p.board;
        this.sensors = p.sensors;
        this.emulated = p.emulated;
        this.emulationTicks = p.emulationTicks;
        this.threads = new InferenceThreads(libc, new NativeWorkers(Path.of("/proc/self/task")));
        this.hostAffinity = emulated == null ? null
                : new HostCpuAffinity(libc, board.cpus(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Opens the board {@code request} names: takes the board's lock (a second daemon or report
     * is refused before it reads or writes anything), restores what a run that died left
     * changed, then finds the units, knobs and sensors.
     *
     * @throws ConfigException when the board is unknown, another process drives it, or (where
     *     {@link BoardRequest#writable} is given) its frequency files cannot be written
     */
    public static BoardSession open(BoardRequest request) throws ConfigException, IOException {
        BoardPreset preset = preset(request);
        return open(request, preset, lock(request.runtimeDir(), request.emulated() ? null : request.sysfsRoot()));
    }

    /**
     * As {@link #open(BoardRequest)}, with the board's lock taken beforehand ({@link #lock}) by a
     * caller that has work to do between refusing a second daemon and opening the board (the
     * daemon loads its model there, which the board model's costs come from). The session owns
     * {@code lock} from now on, also when opening fails.
     */
    public static BoardSession open(BoardRequest request, BoardLock lock) throws ConfigException, IOException {
        BoardPreset preset;
        try {
            preset = preset(request);
        } catch (ConfigException | IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return open(request, preset, lock);
    }

    /**
     * Takes the lock of the board whose state lives in {@code runtimeDir} and whose knobs are under
     * {@code sysfsRoot} (null for an emulated board, whose knobs are in the runtime folder).
     *
     * @throws ConfigException when another daemon or report holds it, in one line that names it
     */
    public static BoardLock lock(Path runtimeDir, Path sysfsRoot) throws ConfigException, IOException {
        try {
            return BoardLock.acquire(runtimeDir, sysfsRoot);
        } catch (BoardLock.AlreadyManagedException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static BoardSession open(BoardRequest request, BoardPreset preset, BoardLock lock)
            throws ConfigException, IOException {
        BoardParts parts = new BoardParts(request, preset, lock);
        try {
            parts.build();
            BoardSession session = new BoardSession(parts);
            Runtime.getRuntime().addShutdownHook(session.hook);
            return session;
        } catch (ConfigException | IOException | RuntimeException e) {
            parts.undo();
            throw e;
        }
    }

    private static BoardPreset preset(BoardRequest request) throws ConfigException, IOException {
        BoardPresets presets = BoardPresets.load(request.presetsFolder());
        String name = request.platform();
        if (request.emulated()) {
            String board = name.substring(BoardRequest.EMULATED.length());
            return presets.byName(board).orElseThrow(() -> unknown(request, presets, board));
        }
        return name.equals("auto") ? presets.detect(request.sysfsRoot())
                : presets.byName(name).orElseThrow(() -> unknown(request, presets, name));
    }

    private static ConfigException unknown(BoardRequest request, BoardPresets presets, String name) {
        return new ConfigException(request.option() + ": no board preset '" + name + "' in " + request.presetsFolder()
                + "; allowed: auto, " + String.join(", ", presets.all().stream().map(BoardPreset::name).toList()));
    }

    /** The preset's name, such as {@code generic} or {@code odroid-xu3}. */
    public String name() {
        return preset.name();
    }

    /** How the board is named in logs and replies: {@code emulated:odroid-xu3} for an emulated board, else the preset. */
    public String platformName() {
        return request.emulated() ? request.platform() : preset.name();
    }

    /** The units inference can run on here, in operating-point order. */
    public List<ComputeUnit> units() {
        return board.units();
    }

    /** Each unit's frequency knob, in {@link #units()} order. */
    public List<FrequencyKnob> knobs() {
        return board.knobs();
    }

    /** The board model restricted to {@link #units()}, or null when the board has none. */
    public BoardModel boardModel() {
        return board.model();
    }

    public SensorsSetup sensors() {
        return sensors;
    }

    /** The emulated board behind the sysfs tree, when the board is emulated. */
    public Optional<EmulatedPlatform> emulated() {
        return Optional.ofNullable(emulated);
    }

    /** Makes the threads inference runs on; the actuators pin exactly those and their native workers. */
    public InferenceThreads inferenceThreads() {
        return threads;
    }

    /** The CPUs one unit's inference threads may run on here: an emulated unit's share of the host's. */
    public int cpusPerUnit() {
        return hostAffinity == null ? Runtime.getRuntime().availableProcessors() : hostAffinity.hostCpusOf(0).size();
    }

    /**
     * The actuators of this board, made on the first call: frequencies through the recorded
     * sysfs files, affinity of the inference threads (mapped onto the host's CPUs on an emulated
     * board), and {@code applyThreads} told each unit's core count when a unit is put in force.
     */
    public synchronized Actuators actuators(IntConsumer applyThreads) {
        if (actuators == null) {
            AffinitySyscalls affinity = hostAffinity == null ? libc : hostAffinity;
            actuators = new Actuators(board.units(), board.knobs(), affinity, threads::threadIds, applyThreads);
        }
        return actuators;
    }

    /** The syscalls affinity is set with, for the start-up check that this process may. */
    public LibcAffinity libc() {
        return libc;
    }

    /**
     * Puts the affinities and every written file back and refuses every knob write from then on;
     * only the first call does anything.
     *
     * @return what was restored, or an empty report when an earlier call did it
     */
    public synchronized RestoreReport restore() throws IOException {
        if (restored) {
            return new RestoreReport(0, List.of());
        }
        restored = true;
        if (actuators != null) {
            actuators.restore().forEach(f -> LOG.warn("could not restore {}: {}", f.where(), f.message()));
        }
        io.close();
        try {
            return state.restore();
        } finally {
            sensors.close();
        }
    }

    private void restoreQuietly() {
        try {
            restore().failures().forEach(f -> LOG.error("could not restore {}", f));
        } catch (IOException e) {
            LOG.error("cannot remove the hardware-state file {}: {}", state.file(), e.toString());
        }
    }

    @Override
    public void close() {
        restoreQuietly();
        if (emulated != null) {
            emulated.close();
            emulationTicks.shutdownNow();
        }
        lock.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The process is shutting down: the hook has run or is running restore() itself.
        }
    }
}
