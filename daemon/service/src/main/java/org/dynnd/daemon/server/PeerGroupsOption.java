package org.dynnd.daemon.server;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The supplementary groups of a Unix socket's peer from the kernel ({@code SO_PEERGROUPS},
 * Linux 4.13+), read with {@code getsockopt} through the C library. They are the groups the peer
 * had when it connected, taken from the socket itself: unlike {@code /proc/PID/status}, they stay
 * readable when the daemon's view of /proc is restricted ({@code ProtectProc=invisible}) or the
 * peer has exited, and they cannot name a process that reused the pid.
 */
final class PeerGroupsOption {

    private static final int SOL_SOCKET = 1;
    /** The same number on every Linux architecture dynnd builds for (x86_64, aarch64). */
    private static final int SO_PEERGROUPS = 59;
    private static final int ENOPROTOOPT = 92;
    private static final int ERANGE = 34;
    private static final int GID_BYTES = 4;
    /** NGROUPS_MAX on Linux: the kernel never returns more. */
    private static final int MAX_GROUPS = 65536;

    /** The C library function used. */
    interface CLibrary extends Library {
        int getsockopt(int fd, int level, int name, byte[] value, IntByReference length) throws LastErrorException;
    }

    private final CLibrary libc;

    PeerGroupsOption() {
        this.libc = Native.load("c", CLibrary.class);
    }

    /**
     * The peer's supplementary groups, or empty when this kernel has no {@code SO_PEERGROUPS}.
     *
     * @throws LastErrorException for any other failure of {@code getsockopt} (its errno)
     */
    Optional<int[]> groups(int fd) {
        int capacity = 64;
        while (true) {
            byte[] value = new byte[capacity * GID_BYTES];
            IntByReference length = new IntByReference(value.length);
            try {
                libc.getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, value, length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENOPROTOOPT) {
                    return Optional.empty();
                }
                // ERANGE: the kernel wrote the length it needs into length.
                if (e.getErrorCode() == ERANGE && length.getValue() > value.length && capacity < MAX_GROUPS) {
                    capacity = Math.min(MAX_GROUPS, (length.getValue() + GID_BYTES - 1) / GID_BYTES);
                    continue;
                }
                throw e;
            }
            ByteBuffer gids = ByteBuffer.wrap(value, 0, length.getValue()).order(ByteOrder.nativeOrder());
            int[] groups = new int[length.getValue() / GID_BYTES];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = gids.getInt();
            }
            return Optional.of(groups);
        }
    }
}
