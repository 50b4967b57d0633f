package org.dynnd.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the daemon keeps its socket and files, and how much it logs.
 *
 * @param socket the Unix socket path, or {@code auto}: {@code /run/dynnd/dynnd.sock} as root,
 *     {@code $XDG_RUNTIME_DIR/dynnd.sock} otherwise
 * @param runtimeDir the folder of the hardware-state file and the emulated board, or {@code auto}
 * @param cacheDir the folder of the calibration profiles, or {@code auto}
 * @param logLevel the lowest level logged
 */
public record DaemonConfig(String socket, String runtimeDir, String cacheDir, String logLevel) {

    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    public DaemonConfig {
        socket = Check.absolutePathOrAuto("socket", socket, "auto", true);
        runtimeDir = Check.absolutePathOrAuto("runtime_dir", runtimeDir, "auto", true);
        cacheDir = Check.absolutePathOrAuto("cache_dir", cacheDir, "auto", true);
        logLevel = Check.oneOf("log_level", logLevel, "info", LOG_LEVELS);
    }

    public static DaemonConfig defaults() {
        return new DaemonConfig(null, null, null, null);
    }

    /**
     * The runtime folder: as configured, else systemd's {@code $RUNTIME_DIRECTORY}, else
     * {@code /run/dynnd} for root, else {@code $XDG_RUNTIME_DIR/dynnd}, else a folder under the
     * temporary directory named after the user.
     */
    public Path runtimeDirectory(boolean root, Map<String, String> env) {
        if (!runtimeDir.equals("auto")) {
            return Path.of(runtimeDir);
        }
        return autoDirectory(env, "RUNTIME_DIRECTORY", root ? "/run/dynnd" : null, "XDG_RUNTIME_DIR", "dynnd");
    }

    /** The socket: as configured, else {@code dynnd.sock} in the runtime folder. */
    public Path socketPath(boolean root, Map<String, String> env) {
        if (!socket.equals("auto")) {
            return Path.of(socket);
        }
        if (!root && env.get("XDG_RUNTIME_DIR") != null && runtimeDir.equals("auto")
                && env.get("RUNTIME_DIRECTORY") == null) {
            return Path.of(env.get("XDG_RUNTIME_DIR"), "dynnd.sock");
        }
        return runtimeDirectory(root, env).resolve("dynnd.sock");
    }

    /** The cache folder: as configured, else {@code $CACHE_DIRECTORY}, {@code /var/cache/dynnd} or {@code ~/.cache/dynnd}. */
    public Path cacheDirectory(boolean root, Map<String, String> env) {
        if (!cacheDir.equals("auto")) {
            return Path.of(cacheDir);
        }
        if (env.get("CACHE_DIRECTORY") != null) {
            return Path.of(env.get("CACHE_DIRECTORY"));
        }
        if (root) {
            return Path.of("/var/cache/dynnd");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null ? Path.of(xdg, "dynnd") : Path.of(System.getProperty("user.home"), ".cache", "dynnd");
    }

    private static Path autoDirectory(Map<String, String> env, String systemdVar, String rootDefault,
            String userVar, String leaf) {
        if (env.get(systemdVar) != null) {
            return Path.of(env.get(systemdVar));
        }
        if (rootDefault != null) {
            return Path.of(rootDefault);
        }
        if (env.get(userVar) != null) {
            return Path.of(env.get(userVar), leaf);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), leaf + "-" + System.getProperty("user.name"));
    }
}
