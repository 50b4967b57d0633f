package org.dynnd.daemon.access;

import java.util.Set;

/**
 * Who is at the other end of a connection, from the kernel ({@code SO_PEERCRED}) rather than
 * from anything the client says.
 *
 * @param pid the peer's process id at connect time
 * @param uid the peer's user id
 * @param gids the peer's primary group and, where they could be read, its supplementary groups
 */
public record PeerIdentity(int pid, int uid, Set<Integer> gids) {
    public PeerIdentity {
        gids = Set.copyOf(gids);
    }
}
