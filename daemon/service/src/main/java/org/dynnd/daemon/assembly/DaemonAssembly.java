package org.dynnd.daemon.assembly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.access.PeerIdentities;
import org.dynnd.daemon.access.UserDirectory;
import org.dynnd.daemon.board.AffinityPermission;
import org.dynnd.daemon.board.BoardRequest;
import org.dynnd.daemon.board.BoardSession;
import org.dynnd.daemon.board.InferenceThreads;
import org.dynnd.daemon.board.SensorsSetup;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.control.CalibrationRun;
import org.dynnd.daemon.control.ControlLoop;
import org.dynnd.daemon.control.GovernorBridge;
import org.dynnd.daemon.control.GovernorLivePart;
import org.dynnd.daemon.control.LatencyLedger;
import org.dynnd.daemon.control.ModelProfiles;
import org.dynnd.daemon.control.OperatingPointPlan;
import org.dynnd.daemon.control.OperatingPointSwitch;
import org.dynnd.daemon.control.ProfileSource;
import org.dynnd.daemon.emulation.EmulatedPlatform;
import org.dynnd.daemon.emulation.HostBaseline;
import org.dynnd.daemon.emulation.HostReference;
import org.dynnd.daemon.emulation.LatencyDilation;
import org.dynnd.daemon.inference.ModelInference;
import org.dynnd.daemon.lifecycle.RuntimeParts;
import org.dynnd.daemon.reload.LivePart;
import org.dynnd.daemon.server.KernelPeerCredentials;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.state.BoardLock;
import org.dynnd.daemon.systemd.ProcessSignals;
import org.dynnd.governor.actuate.Actuators;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.models.bundle.BundleException;
import org.dynnd.models.runtime.DynamicModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the modules into a running daemon: platform (real or emulated), model, sensors, governor
 * and actuators, the control loop, and the parts the socket server runs. Owns what it starts and
 * stops it on {@link #close()}.
 */
public final class DaemonAssembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonAssembly.class);

    private final List<AutoCloseable> owned = new ArrayList<>();
    private RuntimeParts parts;
    private BoardSession board;
    private GovernorLivePart governorPart;

    private DaemonAssembly() {}

    /**
     * Builds everything {@code config} describes. {@code home} is the distribution's folder
     * (board presets in {@code config/boards}, the shipped model in {@code models}).
     */
    public static DaemonAssembly assemble(DynndConfig config, Path home, Path runtimeDir, Path cacheDir, Path socket,
            long pid, ProcessSignals.ReloadHook reload) throws ConfigException, IOException {
        DaemonAssembly assembly = new DaemonAssembly();
        try {
            assembly.build(config, home, runtimeDir, cacheDir, socket, pid, reload);
            return assembly;
        } catch (ConfigException | IOException | RuntimeException e) {
            assembly.close();
            throw e;
        }
    }

    private void build(DynndConfig config, Path home, Path runtimeDir, Path cacheDir, Path socket, long pid,
            ProcessSignals.ReloadHook reload) throws ConfigException, IOException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynnd-control");
            t.setDaemon(true);
            return t;
        });
        owned.add(scheduler::shutdownNow);
        // Before anything is loaded, read or written: a second daemon is refused in one line.
        BoardLock lock = BoardSession.lock(runtimeDir, config.platform().emulated() ? null : Path.of(config.platform().sysfsRoot()));
        owned.add(lock::close);
        DynamicModel model = openModel(config, home);
        owned.add(model::close);
        int groups = model.groups();
        ModelProfile modelProfile = ModelProfiles.of(model);

        String name = config.platform().name();
        if (!config.platform().emulated() && !config.emulation().coRunner().isEmpty()) {
            throw new ConfigException("emulation.co_runner: co-runners are scheduled on emulated boards only, and the"
                    + " platform is " + name + "; allowed: an empty list, or platform.name emulated:BOARD");
        }
        board = BoardSession.open(new BoardRequest(name, "platform.name", home.resolve("config/boards"),
                config.platform().emulated() ? null : Path.of(config.platform().sysfsRoot()), runtimeDir,
                BoardRequest.DAEMON_STATE_FILE, ModelProfiles.fullMacs(model), config.sensors(),
                config.emulation().coRunner(), null, System::nanoTime, pid), lock);
        owned.add(board);
        // Closed first (close() goes backwards): the knobs are back, and writes refused, before the loop stops.
        String platformName = board.platformName();
        EmulatedPlatform emulated = board.emulated().orElse(null);

        // Units and the operating-point space.
        List<ComputeUnit> units = board.units();
        OpSpace space = new OpSpace(units, modelProfile.ks());
        Profile prior = board.boardModel() == null ? null : board.boardModel().profile(space, modelProfile);
        SensorsSetup sensors = board.sensors();
        if (prior == null && sensors.power().none()) {
            throw new ConfigException("board " + board.name() + ": no power sensor was found (RAPL, hwmon INA2xx/INA3221,"
                    + " INA231, or raw I2C rails under sensors:), and without a board model the governor learns power from"
                    + " the sensors alone; allowed: a board with readable power rails (RAPL's energy_uj is root-only)");
        }

        // Governor, actuators and the loop.
        AffinityPermission.require(board.libc());
        InferenceThreads threads = board.inferenceThreads();
        // One intra-op thread per CPU the unit's threads may run on: on an emulated board, the
        // host CPUs its unit is mapped to (more threads than CPUs only time-share them).
        int cpusPerUnit = board.cpusPerUnit();
        AtomicInteger fixedThreads = new AtomicInteger(config.inference().intraOpThreads());
        AtomicInteger unitCores = new AtomicInteger(cpusPerUnit);
        IntConsumer applyThreads = cores -> {
            unitCores.set(cores);
            int fixed = fixedThreads.get();
            model.setThreads(fixed > 0 ? fixed : Math.min(cores, cpusPerUnit));
        };
        Actuators actuators = board.actuators(applyThreads);
        ControllerConfig controllerConfig = GovernorLivePart.controllerConfig(ControllerConfig.defaults(), config.governor());
        LatencyDilation dilation = LatencyDilation.NONE;
        if (emulated != null) {
            double[] hostReference = HostReference.measure(model, 15);
            LOG.info("host reference latency per k (ms): {}", Arrays.toString(hostReference));
            dilation = emulated.dilation(space, modelProfile, new HostBaseline(hostReference));
        }
        Objective objective = Objective.parse(config.governor().objective());
        // Without a model of the board, calibration starts at full accuracy on the first unit's top frequency.
        int initial = prior == null
                ? space.indexOf(new OperatingPoint(space.maxK(), 0, units.get(0).maxFrequencyKHz()))
                : new Controller(prior, controllerConfig).preview(Budget.unconstrained(objective)).decision().primary();
        CalibrationRun probe = new CalibrationRun(space, new OperatingPointSwitch(space, actuators, null, initial), model,
                dilation, emulated == null ? null : emulated.activity(), sensors.power(), System::nanoTime);
        // Calibration runs on an inference thread: the actuators pin exactly those (and their
        // PyTorch workers) to the unit being measured; the main thread would run wherever it is.
        boolean isEmulated = emulated != null;
        Profile profile = threads.callOnInferenceThread(() -> ProfileSource.choose(config.governor().calibration(),
                isEmulated, prior, platformName, modelProfile, space, cacheDir, probe));
        Controller controller = new Controller(profile, controllerConfig);
        OperatingPointPlan plan = new OperatingPointPlan(Decision.single(initial));
        OperatingPointSwitch switcher = new OperatingPointSwitch(space, actuators, controller, initial);
        LatencyLedger ledger = new LatencyLedger();
        ModelInference inference = new ModelInference(model, model.manifest().architecture() + "-g" + groups, space, plan,
                switcher, ledger, dilation, emulated == null ? null : emulated.activity(), sensors.power()::latestBoardW,
                System::nanoTime);
        GovernorBridge bridge = new GovernorBridge(space, controller, objective);
        long periodNanos = TimeUnit.MILLISECONDS.toNanos(config.governor().periodMs());
        ControlLoop loop = new ControlLoop(space, controller, plan, switcher, ledger, sensors.power(), bridge::target,
                System::nanoTime, periodNanos);
        bridge.attach(loop);
        AtomicReference<ScheduledFuture<?>> loopTask = new AtomicReference<>(
                scheduler.scheduleAtFixedRate(loop, periodNanos, periodNanos, TimeUnit.NANOSECONDS));
        governorPart = new GovernorLivePart(controller, bridge, loop,
                nanos -> loopTask.getAndSet(scheduler.scheduleAtFixedRate(loop, nanos, nanos, TimeUnit.NANOSECONDS))
                        .cancel(false),
                n -> {
                    fixedThreads.set(n);
                    applyThreads.accept(unitCores.get());
                });

        AccessPolicy access = AccessRules.policy(config.access(), UserDirectory.read(Path.of("/")));
        ServerSettings defaults = ServerSettings.defaults(platformName);
        ServerSettings settings = new ServerSettings(platformName, defaults.maxLineBytes(), defaults.maxClients(), 1,
                config.inference().queueCapacity(), defaults.budgetQueue(), config.inference().maxImagePixels(),
                defaults.writeBufferLowBytes(), defaults.writeBufferHighBytes());
        String prom = config.telemetry().prometheusFile();
        parts = new RuntimeParts(settings, bridge, inference, threads, access,
                new KernelPeerCredentials(new PeerIdentities(Path.of("/proc"))), socket,
                prom.isEmpty() ? Optional.empty() : Optional.of(Path.of(prom)), config.governor().periodMs(),
                config.telemetry().keepS(), board::restore, reload);
        LOG.info("{}: {} operating points ({} units, k = 1..{}), model {}", platformName, space.size(), units.size(),
                groups, inference.modelName());
    }

    private static DynamicModel openModel(DynndConfig config, Path home) throws ConfigException {
        Path bundle = config.model().shipped() ? home.resolve("models/alexnet-g4-fmnist") : Path.of(config.model().bundle());
        try {
            return DynamicModel.open(bundle);
        } catch (BundleException e) {
            throw new ConfigException("model.bundle: " + e.getMessage(), e);
        }
    }

    /**
     * What takes new settings when the configuration is reloaded: the governor, and the access
     * rules and inference queue of {@code server} (the server the runtime built from {@link #parts()}).
     */
    public List<LivePart> liveParts(SocketServer server) {
        return List.of(governorPart, new ServerLivePart(server, Path.of("/")));
    }

    /** What the socket server runs. */
    public RuntimeParts parts() {
        return parts;
    }

    /** Tells the parts that keep time from readiness (an emulated board's co-runners) that the socket is served. */
    public void ready() {
        board.emulated().ifPresent(EmulatedPlatform::ready);
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        owned.clear();
    }
}
