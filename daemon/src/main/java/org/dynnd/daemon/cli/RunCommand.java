package org.dynnd.daemon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dynnd.daemon.client.RuntimePaths;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.run.DaemonAssembly;
import org.dynnd.daemon.runtime.DaemonRuntime;
import org.dynnd.daemon.systemd.ProcessSignals.ReloadOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dynnd run}: the daemon. Restores the hardware a dead run left changed, joins the
 * platform, model, sensors and governor, serves the socket until SIGTERM or SIGINT, then puts every
 * knob it touched back and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon: serve budgets and inferences on the Unix socket until SIGTERM.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
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
        DaemonRuntime.restoreLeftover(runtimeDir.resolve("hardware-state.json"));
        Path cacheDir = config.daemon().cacheDirectory(root, env);
        Files.createDirectories(cacheDir);
        try (DaemonAssembly assembly = DaemonAssembly.assemble(config, home, runtimeDir, cacheDir, socket, pid, this::reload)) {
            DaemonRuntime runtime = DaemonRuntime.start(assembly.parts(), env, pid).installSignals();
            assembly.ready();
            runtime.awaitStop();
            // The runtime restored the hardware while the control loop could still be finishing a
            // period: stop the loop, then put back anything it wrote in between (what it recorded
            // after the first restore are the true originals, so this is exact).
            assembly.close();
            assembly.parts().hardwareState().restore();
        }
        return 0;
    }

    /** SIGHUP: the configuration file is read again; an invalid one is refused and the running one kept. */
    private ReloadOutcome reload() {
        try {
            options.load();
            return new ReloadOutcome(true, "the configuration " + options.file().map(Path::toString).orElse("(defaults)")
                    + " is valid; changes take effect at the next start");
        } catch (ConfigException e) {
            return new ReloadOutcome(false, e.getMessage());
        }
    }

    private static Path home() {
        String home = System.getProperty("dynnd.home");
        if (home == null) {
            throw new UserErrorException("dynnd.home is not set: start the daemon with the distribution's bin/dynnd");
        }
        return Path.of(home);
    }
}
