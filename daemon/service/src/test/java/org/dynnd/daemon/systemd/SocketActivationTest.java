package org.dynnd.daemon.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.server.FakeInference;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.SocketServer;
import org.dynnd.daemon.server.TableGovernor;
import org.dynnd.daemon.server.TestDaemon;
import org.dynnd.daemon.telemetry.TelemetryRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SocketActivationTest {

    @TempDir
    Path dir;

    @Test
    void environmentIsReadOnlyForThisProcess() {
        Map<String, String> env = Map.of("LISTEN_PID", "42", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "other:dynnd");
        SocketActivation activation = SocketActivation.fromEnvironment(env, 42).orElseThrow();
        assertThat(activation.fds()).containsExactly(3, 4);
        assertThat(activation.listeningFd("dynnd")).isEqualTo(4);
        assertThat(activation.listeningFd("absent")).isEqualTo(3);
        assertThat(SocketActivation.fromEnvironment(env, 43)).isEmpty();
        assertThat(SocketActivation.fromEnvironment(Map.of(), 42)).isEmpty();
        assertThatThrownBy(() -> SocketActivation.fromEnvironment(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "x"), 42))
                .hasMessageContaining("LISTEN_FDS");
        assertThatThrownBy(() -> SocketActivation.fromEnvironment(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "0"), 42))
                .hasMessageContaining("1 to 1024");
    }

    @Test
    void adoptsAListeningSocketMadeElsewhere() throws Exception {
        Epoll.ensureAvailability();
        Path path = dir.resolve("activated.sock");
        Socket listening = Socket.newSocketDomain();
        listening.bind(new DomainSocketAddress(path.toFile()));
        listening.listen(16); // what systemd hands over: bound and listening
        SocketServer server = new SocketServer(ServerSettings.defaults("activated"), new TableGovernor(), new FakeInference(),
                Thread::new, TestDaemon.onlyUid(1), ch -> new PeerIdentity(1, 1, Set.of()), new TelemetryRing(4));
        try {
            server.adopt(listening.intValue());
            try (DynndClient client = DynndClient.connect(path)) {
                assertThat(client.call("hello").path("platform").asText()).isEqualTo("activated");
            }
            assertThat(server.socketPath()).isEmpty();
        } finally {
            server.close();
        }
        assertThat(path).exists(); // the socket file belongs to whoever made it
    }

    @Test
    void childStartedBySystemdSocketActivateServesOnFd3AndSaysReady() throws Exception {
        Path tool = Path.of("/usr/bin/systemd-socket-activate");
        assumeTrue(Files.isExecutable(tool), "systemd-socket-activate is not installed");
        Path socket = dir.resolve("dynnd.sock");
        String notify = dir.resolve("notify").toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(tool.toString(), "-l", socket.toString(), "--fdname=dynnd", "-E", "NOTIFY_SOCKET=" + notify,
                java, "-cp", System.getProperty("java.class.path"), ActivatedServerMain.class.getName());
        try (DatagramReceiver systemd = new DatagramReceiver(notify)) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                    Thread.sleep(50); // the tool binds before it waits for the first connection
                }
                // The first connection makes the tool start the JVM; it waits in the backlog meanwhile.
                try (DynndClient client = DynndClient.connect(socket)) {
                    assertThat(client.call("hello").path("platform").asText()).isEqualTo("activated");
                }
                assertThat(systemd.receive()).isEqualTo("READY=1\nSTATUS=serving on fd 3");
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        } catch (AssertionError | Exception e) {
            File log = dir.resolve("child.log").toFile();
            throw new AssertionError("child output:\n" + (log.exists() ? Files.readString(log.toPath()) : "(none)"), e);
        }
    }
}
