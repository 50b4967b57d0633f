package org.dynnd.daemon.systemd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listening sockets systemd passed by socket activation: {@code LISTEN_FDS} descriptors
 * from fd 3 on, meant for this process when {@code LISTEN_PID} is its pid.
 *
 * @param fds the descriptors, 3 and up
 * @param names their names from {@code LISTEN_FDNAMES} (the unit's {@code FileDescriptorName=}), or empty
 */
public record SocketActivation(List<Integer> fds, List<String> names) {

    /** The first fd systemd passes. */
    public static final int FIRST_FD = 3;

    public SocketActivation {
        fds = List.copyOf(fds);
        names = List.copyOf(names);
    }

    /**
     * Reads the variables. Empty when they are absent or for another process.
     *
     * @throws IllegalArgumentException when a variable is not a number
     */
    public static Optional<SocketActivation> fromEnvironment(Map<String, String> environment, long pid) {
        String listenPid = environment.get("LISTEN_PID");
        String listenFds = environment.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            return Optional.empty();
        }
        if (!number(listenPid, "LISTEN_PID").equals(pid)) {
            return Optional.empty();
        }
        long count = number(listenFds, "LISTEN_FDS");
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("LISTEN_FDS is " + count + "; systemd passes 1 to 1024 descriptors");
        }
        List<Integer> fds = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            fds.add(FIRST_FD + i);
        }
        String names = environment.getOrDefault("LISTEN_FDNAMES", "");
        return Optional.of(new SocketActivation(fds, names.isEmpty() ? List.of() : List.of(names.split(":"))));
    }

    /** The fd to serve on: the one named {@code name} if systemd named it, else the first. */
    public int listeningFd(String name) {
        int index = names.indexOf(name);
        return fds.get(index >= 0 && index < fds.size() ? index : 0);
    }

    private static Long number(String value, String variable) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " is '" + value + "'; systemd sets a number");
        }
    }
}
