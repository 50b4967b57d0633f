package org.dynnd.daemon.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.dynnd.daemon.protocol.Op;

/**
 * Who may do what over the socket. Root and the configured users and groups may use every op;
 * anyone else who can open the socket may use the configured read ops only. {@code hello} is
 * always allowed, so that every client can learn what it may do, and {@code unsubscribe} is
 * allowed to whoever may {@code subscribe}.
 */
public final class AccessPolicy {

    /** The read ops of the default configuration. */
    public static final Set<Op> DEFAULT_READ_OPS = Set.of(Op.HELLO, Op.STATUS, Op.SUBSCRIBE, Op.UNSUBSCRIBE, Op.INFER);

    private final Set<Integer> controlUids;
    private final Set<Integer> controlGids;
    private final Set<Op> readOps;

    /**
     * @param controlUids users who may set budgets
     * @param controlGids groups whose members may set budgets
     * @param readOps what everyone else may do; must not contain a control op
     */
    public AccessPolicy(Collection<Integer> controlUids, Collection<Integer> controlGids, Collection<Op> readOps) {
        this.controlUids = Set.copyOf(controlUids);
        this.controlGids = Set.copyOf(controlGids);
        EnumSet<Op> read = EnumSet.of(Op.HELLO);
        read.addAll(readOps);
        for (Op op : read) {
            if (op.control()) {
                throw new IllegalArgumentException("access.read_ops: '" + op.wireName()
                        + "' changes the budget and cannot be a read op; list its users under access.budget_users or access.budget_groups");
            }
        }
        if (read.contains(Op.SUBSCRIBE)) {
            read.add(Op.UNSUBSCRIBE);
        }
        this.readOps = Set.copyOf(read);
    }

    /**
     * A policy from names or numeric ids as configuration gives them.
     *
     * @throws IllegalArgumentException naming the unknown user, group or op
     */
    public static AccessPolicy resolve(Collection<String> users, Collection<String> groups, Collection<String> readOps,
            UserDirectory directory) {
        Set<Integer> uids = new HashSet<>();
        for (String user : users) {
            uids.add(directory.uid(user));
        }
        Set<Integer> gids = new HashSet<>();
        for (String group : groups) {
            gids.add(directory.gid(group));
        }
        Set<Op> ops = EnumSet.noneOf(Op.class);
        for (String name : readOps) {
            ops.add(Op.fromWire(name).orElseThrow(() -> new IllegalArgumentException(
                    "access.read_ops: unknown op '" + name + "'; the ops are " + Op.wireNames())));
        }
        return new AccessPolicy(uids, gids, ops);
    }

    /** Whether {@code peer} may use {@code op}. */
    public boolean allows(PeerIdentity peer, Op op) {
        return readOps.contains(op) || privileged(peer);
    }

    /** Every op {@code peer} may use. */
    public Set<Op> allowedOps(PeerIdentity peer) {
        return privileged(peer) ? EnumSet.allOf(Op.class) : readOps;
    }

    private boolean privileged(PeerIdentity peer) {
        if (peer.uid() == 0 || controlUids.contains(peer.uid())) {
            return true;
        }
        for (int gid : peer.gids()) {
            if (controlGids.contains(gid)) {
                return true;
            }
        }
        return false;
    }
}
