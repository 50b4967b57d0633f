package org.dynnd.daemon.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.daemon.reload.LivePart;
import org.dynnd.daemon.runtime.RuntimeParts;
import org.dynnd.daemon.server.KernelPeerCredentials;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.state.HardwareStateFile;
import org.dynnd.daemon.systemd.ProcessSignals;
import org.dynnd.governor.actuate.Actuators;
import org.dynnd.governor.actuate.AffinitySyscalls;
import org.dynnd.governor.actuate.FrequencyKnob;
import org.dynnd.governor.actuate.LibcAffinity;
import org.dynnd.governor.actuate.SysfsIo;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.control.Controller;
import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.GroupedAlexNetCost;
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
    private String platformName;
    private EmulatedPlatform emulatedPlatform;
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
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "dynnd-control");
            t.setDaemon(true);
            return t;
        });
        owned.add(() -> {
            scheduler.shutdownNow();
            // A control period still running could write a knob after the hardware was restored.
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        });
        BoardPresets presets = BoardPresets.load(home.resolve("config/boards"));
        DynamicModel model = openModel(config, home);
        owned.add(model::close);
        int groups = model.groups();
        double[] accuracy = new double[groups];
        for (int k = 1; k <= groups; k++) {
            accuracy[k - 1] = model.accuracy(k);
        }
        ModelProfile modelProfile = new GroupedAlexNetCost(groups).profile(
                model.manifest().architecture(), model.manifest().parametersSha256().substring(0, 12), accuracy);

        String name = config.platform().name();
        BoardPreset preset;
        Path sysfsRoot;
        EmulatedPlatform emulated = null;
        if (config.platform().emulated()) {
            preset = presets.byName(name.substring("emulated:".length())).orElseThrow();
            BoardModel boardModel = Boards.byName(preset.boardModel(), groups);
            emulated = EmulatedPlatform.start(preset, boardModel, config.emulation().coRunner(), runtimeDir, scheduler,
                    System::nanoTime);
            owned.add(emulated);
            emulatedPlatform = emulated;
            sysfsRoot = emulated.sysfsRoot();
        } else {
            if (!config.emulation().coRunner().isEmpty()) {
                throw new ConfigException("emulation.co_runner: co-runners are scheduled on emulated boards only, and the"
                        + " platform is " + name + "; allowed: an empty list, or platform.name emulated:BOARD");
            }
            sysfsRoot = Path.of(config.platform().sysfsRoot());
            preset = name.equals("auto") ? presets.detect(sysfsRoot)
                    : presets.byName(name).orElseThrow(() -> new ConfigException("platform.name: no board preset '" + name + "'"));
        }
        platformName = config.platform().emulated() ? name : preset.name();
        HardwareStateFile state = new HardwareStateFile(runtimeDir.resolve("hardware-state.json"), sysfsRoot, pid);

        // Units, knobs and the operating-point space.
        BoardModel boardModel = preset.boardModel().isEmpty() ? null : Boards.byName(preset.boardModel(), groups);
        SysfsIo io = new StateRecordingIo(SysfsIo.FILES, state, sysfsRoot);
        BoardUnits board = BoardUnits.of(preset, boardModel, sysfsRoot, io, emulated != null);
        List<ComputeUnit> units = board.units();
        List<FrequencyKnob> knobs = board.knobs();
        List<Set<Integer>> boardCpus = board.cpus();
        int[] ks = modelProfile.ks();
        OpSpace space = new OpSpace(units, ks);
        Profile prior = board.model() == null ? null : board.model().profile(space, modelProfile);

        // Sensors.
        SensorsSetup sensors = SensorsSetup.start(preset, config, sysfsRoot, state, System::nanoTime);
        owned.add(sensors);
        if (prior == null && sensors.power().none()) {
            throw new ConfigException("board " + preset.name() + ": no power sensor was found (RAPL, hwmon INA2xx/INA3221,"
                    + " INA231, or raw I2C rails under sensors:), and without a board model the governor learns power from"
                    + " the sensors alone; allowed: a board with readable power rails (RAPL's energy_uj is root-only)");
        }

        // Governor, actuators and the loop.
        LibcAffinity libc = new LibcAffinity();
        AffinityPermission.require(libc);
        int hostCpus = Runtime.getRuntime().availableProcessors();
        HostCpuAffinity hostAffinity = emulated == null ? null : new HostCpuAffinity(libc, boardCpus, hostCpus);
        AffinitySyscalls affinity = emulated == null ? libc : hostAffinity;
        InferenceThreads threads = new InferenceThreads(libc, new NativeWorkers(Path.of("/proc/self/task")));
        // One intra-op thread per CPU the unit's threads may run on: on an emulated board, the
        // host CPUs its unit is mapped to (more threads than CPUs only time-share them).
        int cpusPerUnit = hostAffinity == null ? hostCpus : hostAffinity.hostCpusOf(0).size();
        AtomicInteger fixedThreads = new AtomicInteger(config.inference().intraOpThreads());
        AtomicInteger unitCores = new AtomicInteger(cpusPerUnit);
        IntConsumer applyThreads = cores -> {
            unitCores.set(cores);
            int fixed = fixedThreads.get();
            model.setThreads(fixed > 0 ? fixed : Math.min(cores, cpusPerUnit));
        };
        Actuators actuators = new Actuators(units, knobs, affinity, threads::threadIds, applyThreads);
        ControllerConfig controllerConfig = GovernorLivePart.controllerConfig(ControllerConfig.defaults(), config.governor());
        LatencyDilation dilation = LatencyDilation.NONE;
        if (emulated != null) {
            double[] hostReference = HostReference.measure(model, 15);
            LOG.info("host reference latency per k (ms): {}", java.util.Arrays.toString(hostReference));
            dilation = emulated.dilation(space, modelProfile, new HostBaseline(hostReference));
        }
        Objective objective = Objective.parse(config.governor().objective());
        // Without a model of the board, calibration starts at full accuracy on the first unit's top frequency.
        int initial = prior == null
                ? space.indexOf(new org.dynnd.governor.op.OperatingPoint(space.maxK(), 0, units.get(0).maxFrequencyKHz()))
                : new Controller(prior, controllerConfig).preview(org.dynnd.governor.control.Budget.unconstrained(objective))
                        .decision().primary();
        CalibrationRun probe = new CalibrationRun(space, new OperatingPointSwitch(space, actuators, null, initial), model,
                dilation, emulated == null ? null : emulated.activity(), sensors.power(), System::nanoTime);
        // Calibration runs on an inference thread: the actuators pin exactly those (and their
        // PyTorch workers) to the unit being measured; the main thread would run wherever it is.
        boolean isEmulated = emulated != null;
        String boardName = platformName;
        Profile profile = onInferenceThread(threads, () -> ProfileSource.choose(config.governor().calibration(),
                isEmulated, prior, boardName, modelProfile, space, cacheDir, probe));
        Controller controller = new Controller(profile, controllerConfig);
        OperatingPointPlan plan = new OperatingPointPlan(org.dynnd.governor.control.Decision.single(initial));
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
                config.telemetry().keepS(), state, reload);
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
        if (emulatedPlatform != null) {
            emulatedPlatform.ready();
        }
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

    /** Work that may refuse the configuration or fail on a file. */
    interface StartupWork<T> {
        T call() throws ConfigException, IOException;
    }

    /** Runs {@code work} on a thread of {@code threads} and waits for it; its exceptions are thrown here. */
    static <T> T onInferenceThread(InferenceThreads threads, StartupWork<T> work) throws ConfigException, IOException {
        java.util.concurrent.ExecutorService one = Executors.newSingleThreadExecutor(threads);
        try {
            return one.submit(work::call).get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException c) {
                throw c;
            } else if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException r) {
                throw r;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calibrating", e);
        } finally {
            one.shutdownNow();
        }
    }

    static Map<String, List<String>> unitRails(BoardPreset preset) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (BoardPreset.RailPreset rail : preset.sensors().rails()) {
            map.computeIfAbsent(rail.unit(), u -> new ArrayList<>()).add(rail.name());
        }
        return map;
    }
}
