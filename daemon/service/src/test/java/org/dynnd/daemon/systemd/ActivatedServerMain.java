package org.dynnd.daemon.systemd;

import java.util.List;
import java.util.Set;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.server.FakeInference;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.telemetry.TelemetryRing;

/**
 * A child JVM for {@link SocketActivationTest}: serves on the socket systemd (or
 * {@code systemd-socket-activate}) passed as fd 3 and says READY, then waits to be killed.
 */
public final class ActivatedServerMain {

    private ActivatedServerMain() {}

    public static void main(String[] args) throws Exception {
        SocketActivation activation = SocketActivation.fromEnvironment(System.getenv(), ProcessHandle.current().pid())
                .orElseThrow(() -> new IllegalStateException("no LISTEN_FDS for this process"));
        SocketServer server = new SocketServer(ServerSettings.defaults("activated"), new TableGovernor(), new FakeInference(),
                Thread::new, new AccessPolicy(List.of(), List.of(), AccessPolicy.DEFAULT_READ_OPS),
                ch -> new PeerIdentity(1, 1, Set.of()), new TelemetryRing(4));
        server.adopt(activation.listeningFd("dynnd"));
        SdNotify.fromEnvironment(System.getenv()).ready("serving on fd " + activation.listeningFd("dynnd"));
        Thread.sleep(Long.MAX_VALUE);
    }
}
