package org.dynnd.daemon.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Completes the kernel's peer credentials with the peer's supplementary groups, which
 * {@code SO_PEERCRED} does not carry: from {@code SO_PEERGROUPS} where the kernel has it, else from
 * {@code /proc/PID/status}. If the process is gone or
 * unreadable, only the primary group counts: access can only be narrower, never wider.
 */
public final class PeerIdentities {

    private final Path procRoot;

    /** @param procRoot the proc file system, {@code /proc} on a real system */
    public PeerIdentities(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** The identity of a peer whose supplementary groups the kernel gave with its credentials. */
    public static PeerIdentity of(int pid, int uid, int[] primaryGids, int[] supplementaryGids) {
        Set<Integer> gids = new HashSet<>();
        for (int gid : primaryGids) {
            gids.add(gid);
        }
        for (int gid : supplementaryGids) {
            gids.add(gid);
        }
        return new PeerIdentity(pid, uid, gids);
    }

    /** The identity of a peer with the given kernel credentials, its supplementary groups from /proc. */
    public PeerIdentity identify(int pid, int uid, int[] primaryGids) {
        Set<Integer> gids = new HashSet<>();
        for (int gid : primaryGids) {
            gids.add(gid);
        }
        if (pid > 0) {
            try {
                for (String line : Files.readAllLines(procRoot.resolve(Integer.toString(pid)).resolve("status"))) {
                    if (line.startsWith("Groups:")) {
                        for (String gid : line.substring("Groups:".length()).trim().split("\\s+")) {
                            if (!gid.isEmpty()) {
                                gids.add(Integer.parseInt(gid));
                            }
                        }
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // Gone or unreadable: keep the primary group only (see the class comment).
            }
        }
        return new PeerIdentity(pid, uid, gids);
    }
}
