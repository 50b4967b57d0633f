package org.dynnd.daemon.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.protocol.Op;
import org.dynnd.daemon.telemetry.TelemetryRing;

/** A socket server on a real Unix socket in a temporary folder, with test services. */
public final class TestDaemon implements AutoCloseable {

    public final TableGovernor governor = new TableGovernor();
    public final FakeInference inference = new FakeInference();
    public final TelemetryRing ring = new TelemetryRing(16);
    public final SocketServer server;
    public final Path socket;

    /** Every peer is uid 1000 in group 100; uid 1000 may set budgets. */
    public TestDaemon(Path dir) throws IOException {
        this(dir, ServerSettings.defaults("test-board"), new AccessPolicy(List.of(1000), List.of(), AccessPolicy.DEFAULT_READ_OPS),
                ch -> new PeerIdentity(1, 1000, Set.of(100)));
    }

    public TestDaemon(Path dir, ServerSettings settings, AccessPolicy policy, PeerIdentitySource identities) throws IOException {
        this(dir, settings, policy, identities, MemoryPools.ofThisJvm());
    }

    /** @param pools the memory set aside for connections */
    public TestDaemon(Path dir, ServerSettings settings, AccessPolicy policy, PeerIdentitySource identities, MemoryPools pools)
            throws IOException {
        server = new SocketServer(settings, governor, inference, Thread::new, policy, identities, ring, pools);
        socket = dir.resolve("dynnd.sock");
        server.bind(socket);
    }

    /** A policy that lets only uid {@code uid} set budgets and everyone else read. */
    public static AccessPolicy onlyUid(int uid) {
        return new AccessPolicy(List.of(uid), List.of(), Set.of(Op.HELLO, Op.STATUS, Op.SUBSCRIBE, Op.INFER));
    }

    public DynndClient client() throws IOException {
        return DynndClient.connect(socket);
    }

    @Override
    public void close() {
        server.close();
    }
}
