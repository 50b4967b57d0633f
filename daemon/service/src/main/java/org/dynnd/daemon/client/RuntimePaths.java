package org.dynnd.daemon.client;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon keeps its runtime files: {@code /run/dynnd} when it runs as root (or as the
 * service user systemd gives {@code RuntimeDirectory=dynnd}), {@code $XDG_RUNTIME_DIR} otherwise.
 *
 * @param directory the runtime directory
 */
public record RuntimePaths(Path directory) {

    /** The system-wide runtime directory. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/run/dynnd");

    /**
     * The runtime directory for a process of {@code uid} with {@code environment}: systemd's
     * {@code RUNTIME_DIRECTORY} when set, {@code /run/dynnd} for root, else {@code $XDG_RUNTIME_DIR}.
     *
     * @throws IllegalArgumentException when none applies; the message says what to set
     */
    public static RuntimePaths forProcess(Map<String, String> environment, int uid) {
        String systemd = environment.get("RUNTIME_DIRECTORY");
        if (systemd != null && !systemd.isEmpty()) {
            return new RuntimePaths(Path.of(systemd.split(":")[0]));
        }
        if (uid == 0) {
            return new RuntimePaths(SYSTEM_DIRECTORY);
        }
        String xdg = environment.get("XDG_RUNTIME_DIR");
        if (xdg == null || xdg.isEmpty()) {
            throw new IllegalArgumentException("XDG_RUNTIME_DIR is not set, so there is no runtime directory for uid " + uid
                    + "; set it or give the socket path with --socket");
        }
        return new RuntimePaths(Path.of(xdg));
    }

    /**
     * The socket a client tries when given none: the system socket when it exists or the user has
     * no runtime folder, else the user's.
     */
    public static Path defaultClientSocket(Map<String, String> environment, int uid) {
        Path system = SYSTEM_DIRECTORY.resolve("dynnd.sock");
        String xdg = environment.get("XDG_RUNTIME_DIR");
        // Without a per-user runtime folder there is no per-user daemon to find: the system one is
        // what is meant, and a failure to connect then names its socket, not a variable.
        if (uid == 0 || java.nio.file.Files.exists(system) || xdg == null || xdg.isEmpty()) {
            return system;
        }
        return forProcess(environment, uid).socket();
    }

    /** The socket: {@code dynnd.sock}. */
    public Path socket() {
        return directory.resolve("dynnd.sock");
    }

    /** The hardware-state file: {@code hardware-state.json}. */
    public Path stateFile() {
        return directory.resolve("hardware-state.json");
    }

    /** The uid of this process. */
    public static int currentUid() {
        return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
