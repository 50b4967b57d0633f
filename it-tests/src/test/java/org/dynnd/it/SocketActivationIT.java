package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket activation by a real systemd tool: systemd-socket-activate binds the socket, waits for the
 * first connection, then executes dynnd with the socket as fd 3 (LISTEN_FDS, LISTEN_PID).
 */
class SocketActivationIT {

    static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

    @TempDir
    Path home;

    @Test
    void theDaemonServesOnTheSocketItWasHanded() throws Exception {
        assumeTrue(Files.isExecutable(ACTIVATE), "systemd-socket-activate is not installed (package systemd)");
        Path socket = home.resolve("activated.sock");
        // No --socket: the daemon must take fd 3 rather than make a socket of its own.
        try (DaemonProcess daemon = DaemonProcess.launch(home, List.of(ACTIVATE.toString(), "-l", socket.toString()), List.of())) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Files.exists(socket) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(socket).as(daemon.output()).exists();
            // The connection waits in the listen backlog while the JVM starts; the reply proves the
            // daemon accepts on the inherited socket.
            try (ProtocolClient client = ProtocolClient.connect(socket)) {
                JsonNode hello;
                try {
                    hello = client.call(client.request("hello"));
                } catch (AssertionError e) {
                    // What the daemon was doing meanwhile (a slow start is the usual cause) is the evidence.
                    throw new AssertionError(e.getMessage() + "; the daemon's output so far:\n" + daemon.output(), e);
                }
                assertThat(hello.get("ok").asBoolean()).as(hello.toString()).isTrue();
                assertThat(hello.get("result").get("platform").asText()).isEqualTo("emulated:odroid-xu3");
                JsonNode budget = client.result(client.request("budget").put("latency_ms", 50));
                assertThat(budget.get("lease").get("latency_ms").asDouble()).isEqualTo(50.0);
            }
            assertThat(daemon.output()).contains("inherited socket fd 3");
            // The wrapper executed dynnd in its own process: the pid systemd-socket-activate had is the daemon's.
            assertThat(ProcessHandle.of(daemon.pid()).orElseThrow().info().command().orElse("")).endsWith("java");
            assertThat(daemon.stop()).isZero();
            assertThat(daemon.output()).contains("hardware restored");
            // The socket belongs to whoever passed it (systemd, here the tool): the daemon leaves it.
            assertThat(socket).exists();
        }
    }

    @Test
    void aDaemonThatRefusesToStartTellsTheClientWhoseConnectionStartedItWhy() throws Exception {
        assumeTrue(Files.isExecutable(ACTIVATE), "systemd-socket-activate is not installed (package systemd)");
        Path socket = home.resolve("activated.sock");
        try (DaemonProcess daemon = DaemonProcess.launch(home, List.of(ACTIVATE.toString(), "-l", socket.toString()),
                List.of("--platform", "raspberry-pi"))) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Files.exists(socket) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(socket).as(daemon.output()).exists();
            long asked = System.nanoTime();
            try (ProtocolClient client = ProtocolClient.connect(socket)) {
                JsonNode reply = client.call(client.request("status"));
                assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isFalse();
                assertThat(reply.path("error").path("code").asText()).isEqualTo("not_started");
                assertThat(reply.path("error").path("message").asText()).contains("dynnd did not start", "raspberry-pi");
            }
            // answered as soon as the daemon gave up, not after a client's 30 s timeout
            assertThat((System.nanoTime() - asked) / 1e9).isLessThan(25.0);
            assertThat(daemon.waitFor(30_000)).isEqualTo(2);
        }
    }
}
