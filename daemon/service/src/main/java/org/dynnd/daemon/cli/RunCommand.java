package org.dynnd.daemon.cli;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.dynnd.daemon.assembly.DaemonAssembly;
import org.dynnd.daemon.client.RuntimePaths;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.lifecycle.DaemonRuntime;
import org.dynnd.daemon.logging.JournalLoggerFactory;
import org.dynnd.daemon.reload.ConfigReload;
import org.dynnd.daemon.reload.LivePart;
import org.dynnd.daemon.reload.LogLevelPart;
import org.dynnd.daemon.systemd.ProcessSignals.ReloadOutcome;
import org.dynnd.daemon.systemd.SocketActivation;
import org.dynnd.daemon.systemd.StartRefusal;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dynnd run}: the daemon. Refuses to start (exit 2, one line) when another daemon serves the
 * socket or holds the board's lock; restores the hardware a dead run left changed, joins the
 * platform, model, sensors and governor, serves the socket until SIGTERM or SIGINT, then puts every
 * knob it touched back and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon: serve budgets and inferences on the Unix socket until SIGTERM.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    private volatile ConfigReload reloader;

    @Override
    public Integer call() throws Exception {
        try {
            return start();
        } catch (ConfigException | UserErrorException e) {
            // Started by a client's connection to systemd's socket: tell it why, now, rather
            // than let it wait for its timeout on a socket no one will serve.
            SocketActivation.fromEnvironment(System.getenv(), ProcessHandle.current().pid()).ifPresent(
                    activation -> new StartRefusal().answerQueued(activation.listeningFd("dynnd"), e.getMessage()));
            throw e;
        }
    }

    private Integer start() throws Exception {
        DynndConfig config = options.load();
        System.setProperty("dynnd.log.level", config.daemon().logLevel());
        Map<String, String> env = System.getenv();
        boolean root = RuntimePaths.currentUid() == 0;
        Path home = home();
        Path runtimeDir = config.daemon().runtimeDirectory(root, env);
        Files.createDirectories(runtimeDir);
        Path socket = config.daemon().socketPath(root, env);
        Files.createDirectories(socket.getParent());
        long pid = ProcessHandle.current().pid();
        if (SocketActivation.fromEnvironment(env, pid).isEmpty() && listening(socket)) {
            throw new UserErrorException("another dynnd is already listening on " + socket + "; one daemon per board:"
                    + " stop it first, or give this one another daemon.socket");
        }
        return serve(config, env, home, runtimeDir, socket, root, pid);
    }

    private Integer serve(DynndConfig config, Map<String, String> env, Path home, Path runtimeDir, Path socket, boolean root,
            long pid) throws Exception {
        Path cacheDir = config.daemon().cacheDirectory(root, env);
        Files.createDirectories(cacheDir);
        // The assembly's board session takes the board's lock before any state file is read or
        // any knob written (a second daemon changes nothing), and refuses knob writes once the
        // runtime has restored the hardware on stop, so nothing lands after the originals are back.
        try (DaemonAssembly assembly = DaemonAssembly.assemble(config, home, runtimeDir, cacheDir, socket, pid, this::reload)) {
            DaemonRuntime runtime = DaemonRuntime.start(assembly.parts(), env, pid);
            List<LivePart> live = new ArrayList<>(assembly.liveParts(runtime.server()));
            live.add(runtime.telemetryPart());
            live.add(new LogLevelPart(logThreshold()));
            reloader = new ConfigReload(config, live, runtime::exclusive);
            runtime.installSignals();
            assembly.ready();
            runtime.awaitStop();
        }
        return 0;
    }

    /** Whether a daemon answers on {@code socket} (a file left by a dead one refuses the connection). */
    private static boolean listening(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * SIGHUP: the configuration file is read again; an invalid one is refused and the running one
     * kept; a valid one is put in force as far as a running daemon can (see {@link ConfigReload}).
     */
    private ReloadOutcome reload() {
        DynndConfig next;
        try {
            next = options.load();
        } catch (ConfigException e) {
            return new ReloadOutcome(false, e.getMessage());
        }
        ConfigReload current = reloader;
        if (current == null) {
            return new ReloadOutcome(false, "the daemon is still starting; send SIGHUP again once it is ready");
        }
        return current.reload(next);
    }

    /** What sets the log level: dynnd's own binding, or (another binding on the class path) a warning. */
    private static Consumer<Level> logThreshold() {
        if (LoggerFactory.getILoggerFactory() instanceof JournalLoggerFactory loggers) {
            return loggers::threshold;
        }
        return level -> LoggerFactory.getLogger(RunCommand.class).warn("daemon.log_level: the log binding in use is not"
                + " dynnd's; its level does not follow the configuration");
    }

    private static Path home() {
        String home = System.getProperty("dynnd.home");
        if (home == null) {
            throw new UserErrorException("dynnd.home is not set: start the daemon with the distribution's bin/dynnd");
        }
        return Path.of(home);
    }
}
