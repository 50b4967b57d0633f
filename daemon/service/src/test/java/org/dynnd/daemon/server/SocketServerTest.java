package org.dynnd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DaemonErrorException;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every op over a real Unix socket, and the errors that must leave the daemon and other clients unharmed. */
@Timeout(60)
class SocketServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    TestDaemon daemon;
    DynndClient client;

    @BeforeEach
    void start() throws Exception {
        daemon = new TestDaemon(dir);
        client = daemon.client();
    }

    @AfterEach
    void stop() {
        client.close();
        daemon.close();
    }

    private ObjectNode budget(double latencyMs) {
        return client.newRequest("budget").put("latency_ms", latencyMs);
    }

    private JsonNode error(DynndClient c, String line) throws Exception {
        c.sendLine(line);
        JsonNode reply = c.nextReply(WAIT);
        assertThat(reply.path("ok").asBoolean()).as("reply to %s", line).isFalse();
        return reply;
    }

    @Test
    void socketFileIsOpenToEveryUser() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket))).isEqualTo("rw-rw-rw-");
    }

    @Test
    void helloDescribesDaemonAndWhatThePeerMayDo() throws Exception {
        JsonNode hello = client.call("hello");
        assertThat(hello.path("protocol").asInt()).isEqualTo(1);
        assertThat(hello.path("platform").asText()).isEqualTo("test-board");
        assertThat(hello.path("model").asText()).isEqualTo("test-grouped-net");
        assertThat(hello.path("uid").asInt()).isEqualTo(1000);
        assertThat(hello.path("operating_points")).hasSize(4);
        assertThat(hello.path("operating_points").get(0).path("label").asText()).isEqualTo("k=1 a15@2000MHz");
        assertThat(hello.path("allowed_ops").toString()).contains("\"budget\"", "\"release\"", "\"infer\"");
    }

    @Test
    void budgetAnswersFeasibilityAndOperatingPointAndCanBeReplacedAndReleased() throws Exception {
        JsonNode first = client.call(budget(25));
        assertThat(first.path("feasible").asBoolean()).isTrue();
        assertThat(first.path("met").asBoolean()).isTrue();
        assertThat(first.path("op").path("groups").asInt()).isEqualTo(3);
        assertThat(first.path("predicted").path("latency_ms").asDouble()).isEqualTo(20.0);

        JsonNode replaced = client.call(budget(12));
        assertThat(replaced.path("op").path("groups").asInt()).isEqualTo(2);
        assertThat(replaced.path("sources")).hasSize(1);
        assertThat(replaced.path("effective").path("latency_ms").asDouble()).isEqualTo(12.0);

        JsonNode impossible = client.call(budget(1));
        assertThat(impossible.path("feasible").asBoolean()).isFalse();
        assertThat(impossible.path("met").asBoolean()).isFalse();

        JsonNode released = client.call("release");
        assertThat(released.path("released").asBoolean()).isTrue();
        assertThat(released.path("effective").path("latency_ms").isNull()).isTrue();
        assertThat(client.call("release").path("released").asBoolean()).isFalse();
        assertThat(daemon.governor.applied.get(daemon.governor.applied.size() - 1).unconstrained()).isTrue();
    }

    @Test
    void budgetTakesEveryConstraintObjectiveAndPriority() throws Exception {
        ObjectNode request = client.newRequest("budget").put("latency_ms", 50).put("energy_mj", 30).put("power_w", 5)
                .put("min_accuracy", 65).put("objective", "min-energy").put("priority", 7);
        JsonNode result = client.call(request);
        assertThat(result.path("op").path("groups").asInt()).isEqualTo(2); // 20 mJ, 70 %: the cheapest above 65 %
        assertThat(result.path("lease").path("priority").asInt()).isEqualTo(7);
        assertThat(result.path("effective").path("objective").asText()).isEqualTo("min-energy");
    }

    @Test
    void leaseEndsWithTheConnection() throws Exception {
        try (DynndClient other = daemon.client()) {
            other.call(other.newRequest("budget").put("latency_ms", 6));
            assertThat(client.call("status").path("sources")).hasSize(1);
        }
        JsonNode status = client.call("status");
        for (int i = 0; i < 200 && status.path("sources").size() > 0; i++) {
            Thread.sleep(20); // the release runs on the arbitration thread after the hang-up is seen
            status = client.call("status");
        }
        assertThat(status.path("sources")).isEmpty();
        assertThat(status.path("op").path("groups").asInt()).isEqualTo(4);
    }

    @Test
    void statusReportsEffectiveBudgetOwnLeaseAndTelemetry() throws Exception {
        JsonNode empty = client.call("status");
        assertThat(empty.path("telemetry").isNull()).isTrue();
        assertThat(empty.path("yours").isNull()).isTrue();

        client.call(budget(15));
        daemon.ring.add(TableGovernor.sample(1_700_000_000_000L, new OperatingPointInfo(2, "a15", 2_000_000, 0)));
        JsonNode status = client.call("status");
        assertThat(status.path("effective").path("latency_ms").asDouble()).isEqualTo(15.0);
        assertThat(status.path("yours").path("met").asBoolean()).isTrue();
        assertThat(status.path("telemetry").path("latency_p95_ms").asDouble()).isEqualTo(11.25);
        assertThat(status.path("telemetry").path("rails_w").path("mem").asDouble()).isEqualTo(0.25);
        assertThat(status.path("telemetry").path("violations").asLong()).isEqualTo(3);
        assertThat(status.path("degraded").asBoolean()).isFalse();
        assertThat(status.path("clients").asInt()).isEqualTo(1);
    }

    @Test
    void subscribersGetTelemetryEventsUntilTheyUnsubscribe() throws Exception {
        assertThat(client.call("subscribe").path("subscribed").asBoolean()).isTrue();
        client.call(budget(15));
        daemon.server.broadcast(TableGovernor.sample(1_700_000_000_000L, daemon.governor.current));
        JsonNode event = client.nextEvent(WAIT).orElseThrow();
        assertThat(event.path("event").asText()).isEqualTo("telemetry");
        assertThat(event.path("sample").path("time_ms").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(event.path("met").asBoolean()).isTrue();
        assertThat(event.path("dropped").asLong()).isZero();
        assertThat(event.path("effective").path("latency_ms").asDouble()).isEqualTo(15.0);

        JsonNode off = client.call("unsubscribe");
        assertThat(off.path("was_subscribed").asBoolean()).isTrue();
        try (DynndClient witness = daemon.client()) {
            witness.call("subscribe");
            daemon.server.broadcast(TableGovernor.sample(1_700_000_001_000L, daemon.governor.current));
            assertThat(witness.nextEvent(WAIT)).isPresent(); // the broadcast happened...
        }
        assertThat(client.nextEvent(Duration.ofMillis(200))).isEmpty(); // ...and skipped the unsubscribed client
    }

    @Test
    void inferClassifiesRawPngAndJpegImages() throws Exception {
        byte[] grey = new byte[28 * 28];
        java.util.Arrays.fill(grey, (byte) 37);
        JsonNode raw = client.call(client.newRequest("infer").put("image", Base64.getEncoder().encodeToString(grey)));
        assertThat(raw.path("class").asInt()).isEqualTo(7);
        assertThat(raw.path("label").asText()).isEqualTo("class-7-1ch");
        assertThat(raw.path("op").path("groups").asInt()).isEqualTo(2);
        assertThat(raw.path("latency_ms").asDouble()).isEqualTo(3.5);
        assertThat(raw.path("energy_mj").asDouble()).isEqualTo(7.25);

        BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                rgb.setRGB(x, y, 0x030303);
            }
        }
        assertThat(client.call(infer(encode(rgb, "png"))).path("label").asText()).isEqualTo("class-3-3ch");
        JsonNode jpeg = client.call(infer(encode(rgb, "jpeg")));
        assertThat(jpeg.path("label").asText()).endsWith("-3ch");
    }

    private ObjectNode infer(byte[] image) {
        return client.newRequest("infer").put("image", Base64.getEncoder().encodeToString(image));
    }

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void badImagesAndEngineFailuresAreErrors() throws Exception {
        assertCode(() -> client.call(client.newRequest("infer").put("image", "***not base64***")), "bad_image");
        assertCode(() -> client.call(infer(new byte[100])), "bad_image");
        assertCode(() -> client.call(infer(encode(new BufferedImage(100, 10, BufferedImage.TYPE_BYTE_GRAY), "png"))), "bad_image");
        daemon.inference.engineFails = true;
        assertCode(() -> client.call(infer(new byte[784])), "inference_failed");
    }

    @Test
    void fullInferenceQueueAnswersBusyAtOnce() throws Exception {
        daemon.close();
        daemon = new TestDaemon(dir, new ServerSettings("test-board", 4096, 10, 1, 1, 10, 1 << 20, 1024, 4096),
                TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of()));
        client.close();
        client = daemon.client();
        daemon.inference.gate = new CountDownLatch(1);
        String image = Base64.getEncoder().encodeToString(new byte[784]);
        // One inference runs (held by the gate), one waits in the queue of one: the third (from
        // another client, as one has at most 2 in flight) is refused.
        long id = client.call("hello").path("client").asLong();
        for (int i = 1; i <= 2; i++) {
            client.sendLine("{\"id\":" + i + ",\"op\":\"infer\",\"image\":\"" + image + "\"}");
        }
        try (DynndClient third = daemon.client()) {
            long deadline = System.nanoTime() + WAIT.toNanos(); // both of the first are accepted
            while (HalfClose.inFlightCount(daemon.server.channelOf(id)) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            third.sendLine("{\"id\":3,\"op\":\"infer\",\"image\":\"" + image + "\"}");
            JsonNode first = third.nextReply(WAIT);
            assertThat(first.path("id").asInt()).isEqualTo(3);
            assertThat(first.path("error").path("code").asText()).isEqualTo("busy");
        }
        daemon.inference.gate.countDown();
        assertThat(client.nextReply(WAIT).path("ok").asBoolean()).isTrue();
        assertThat(client.nextReply(WAIT).path("ok").asBoolean()).isTrue();
    }

    @Test
    void everyBadLineGetsItsErrorCodeAndTheConnectionKeepsWorking() throws Exception {
        assertThat(error(client, "{not json").path("error").path("code").asText()).isEqualTo("malformed_json");
        assertThat(error(client, "{\"op\":\"hello\",\"op\":\"status\"}").path("error").path("code").asText()).isEqualTo("malformed_json");
        assertThat(error(client, "[1,2]").path("error").path("code").asText()).isEqualTo("invalid_request");
        assertThat(error(client, "{\"id\":4}").path("error").path("code").asText()).isEqualTo("invalid_request");
        JsonNode unknown = error(client, "{\"id\":\"x\",\"op\":\"reboot\"}");
        assertThat(unknown.path("id").asText()).isEqualTo("x");
        assertThat(unknown.path("error").path("code").asText()).isEqualTo("unknown_op");
        assertThat(unknown.path("error").path("message").asText()).contains("reboot", "hello, budget");
        assertThat(error(client, "{\"id\":5,\"op\":\"budget\",\"latency\":5}").path("error").path("code").asText())
                .isEqualTo("unknown_field");
        assertThat(error(client, "{\"id\":6,\"op\":\"budget\",\"latency_ms\":\"fast\"}").path("error").path("code").asText())
                .isEqualTo("wrong_type");
        assertThat(error(client, "{\"id\":{},\"op\":\"hello\"}").path("error").path("code").asText()).isEqualTo("wrong_type");
        for (String bad : new String[] {"-5", "0", "NaN", "Infinity", "1e300", "3600001"}) {
            JsonNode reply = error(client, "{\"id\":7,\"op\":\"budget\",\"latency_ms\":" + bad + "}");
            assertThat(reply.path("error").path("code").asText()).as(bad).isEqualTo("invalid_value");
            assertThat(reply.path("error").path("message").asText()).contains("latency_ms");
        }
        assertThat(error(client, "{\"id\":8,\"op\":\"budget\",\"min_accuracy\":150}").path("error").path("code").asText())
                .isEqualTo("invalid_value");
        assertThat(error(client, "{\"id\":9,\"op\":\"budget\",\"objective\":\"fastest\"}").path("error").path("code").asText())
                .isEqualTo("invalid_value");
        assertThat(error(client, "{\"id\":10,\"op\":\"budget\",\"latency_ms\":5,\"priority\":5000}").path("error").path("code")
                .asText()).isEqualTo("invalid_value");
        assertThat(client.call("hello").path("protocol").asInt()).isEqualTo(1);
    }

    @Test
    void oversizedLineIsRefusedAndTheNextLineIsServed() throws Exception {
        int max = ServerSettings.defaults("x").maxLineBytes();
        StringBuilder huge = new StringBuilder("{\"id\":1,\"op\":\"infer\",\"image\":\"");
        huge.append("A".repeat(max + 10)).append("\"}");
        JsonNode reply = error(client, huge.toString());
        assertThat(reply.path("error").path("code").asText()).isEqualTo("line_too_long");
        assertThat(reply.path("error").path("message").asText()).contains(Integer.toString(max));
        assertThat(client.call("hello").path("protocol").asInt()).isEqualTo(1);
    }

    @Test
    void garbageFromOneClientLeavesOthersUnharmed() throws Exception {
        try (DynndClient vandal = daemon.client()) {
            vandal.sendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});
            assertThat(vandal.nextReply(WAIT).path("error").path("code").asText()).isEqualTo("malformed_json");
        }
        assertThat(client.call(budget(25)).path("feasible").asBoolean()).isTrue();
    }

    @Test
    void deniedUidMayReadButNotSetBudgets() throws Exception {
        daemon.close();
        daemon = new TestDaemon(dir, ServerSettings.defaults("test-board"), TestDaemon.onlyUid(1000),
                ch -> new PeerIdentity(77, 4242, Set.of(4242)));
        client.close();
        client = daemon.client();
        JsonNode hello = client.call("hello");
        assertThat(hello.path("uid").asInt()).isEqualTo(4242);
        assertThat(hello.path("allowed_ops").toString()).doesNotContain("budget");
        DaemonErrorException denied = catchError(() -> client.call(budget(20)));
        assertThat(denied.code()).isEqualTo("access_denied");
        assertThat(denied.getMessage()).contains("4242", "budget");
        assertCode(() -> client.call("release"), "access_denied");
        assertThat(client.call("status").has("effective")).isTrue();
        assertThat(daemon.governor.applied).hasSize(1); // only the initial empty budget
    }

    @Test
    void realPeerCredentialsComeFromTheKernel() throws Exception {
        daemon.close();
        daemon = new TestDaemon(dir, ServerSettings.defaults("test-board"), TestDaemon.onlyUid(-1),
                new KernelPeerCredentials(new org.dynnd.daemon.access.PeerIdentities(Path.of("/proc"))));
        client.close();
        client = daemon.client();
        int uid = org.dynnd.daemon.client.RuntimePaths.currentUid();
        JsonNode hello = client.call("hello");
        assertThat(hello.path("uid").asInt()).isEqualTo(uid);
        // root may always set budgets; anyone else is not uid -1 and may only read
        assertThat(hello.path("allowed_ops").toString().contains("\"budget\"")).isEqualTo(uid == 0);
    }

    @Test
    void supplementaryGroupsComeFromTheSocketWhenProcIsHidden(@TempDir Path emptyProc) throws Exception {
        // As under ProtectProc=invisible: no client's /proc/PID/status is readable. The client is a
        // child process (socat) with supplementary groups of its own, which needs root to set.
        org.junit.jupiter.api.Assumptions.assumeTrue(org.dynnd.daemon.client.RuntimePaths.currentUid() == 0,
                "setting a child's supplementary groups needs root");
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("setpriv") && onPath("socat"), "needs setpriv and socat");
        daemon.close();
        daemon = new TestDaemon(dir, ServerSettings.defaults("test-board"),
                new org.dynnd.daemon.access.AccessPolicy(List.of(), List.of(4343), org.dynnd.daemon.access.AccessPolicy.DEFAULT_READ_OPS),
                new KernelPeerCredentials(new org.dynnd.daemon.access.PeerIdentities(emptyProc)));
        // The test's folders are root's own (0700): let the other uid reach the socket.
        for (Path p = daemon.socket.getParent(); p != null && p.startsWith(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(daemon.socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(helloAs("4242,4343")).contains("\"budget\"");
        assertThat(helloAs("4242")).doesNotContain("\"budget\"").contains("\"status\"");
    }

    private String helloAs(String groups) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=4242", "--regid=4242", "--groups=" + groups, "--",
                "socat", "-t", "5", "-", "UNIX-CONNECT:" + daemon.socket).redirectErrorStream(true).start();
        p.getOutputStream().write("{\"id\":1,\"op\":\"hello\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String reply = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(reply).isZero();
        assertThat(reply).contains("\"uid\":4242");
        return reply;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void tooManyClientsIsAnErrorThenAClose() throws Exception {
        daemon.close();
        daemon = new TestDaemon(dir, new ServerSettings("test-board", 4096, 1, 1, 4, 4, 1 << 20, 1024, 4096),
                TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of()));
        client.close();
        client = daemon.client();
        client.call("hello");
        try (DynndClient second = daemon.client()) {
            assertThat(second.nextReply(WAIT).path("error").path("code").asText()).isEqualTo("too_many_clients");
            assertThatThrownBy(() -> second.nextReply(WAIT)).hasMessageContaining("closed");
        }
        assertThat(client.call("hello").path("protocol").asInt()).isEqualTo(1);
    }

    @Test
    void governorFailureIsAnInternalErrorAndShutdownRefusesNewWork() throws Exception {
        daemon.governor.failApply = true;
        assertCode(() -> client.call(budget(20)), "internal_error");
        daemon.governor.failApply = false;
        daemon.server.beginShutdown();
        assertCode(() -> client.call(budget(20)), "shutting_down");
        assertCode(() -> client.call(infer(new byte[784])), "shutting_down");
        assertThat(client.call("status").has("effective")).isTrue();
    }

    @Test
    void closeRemovesTheSocketAndAStaleSocketIsReplaced() throws Exception {
        daemon.close();
        assertThat(daemon.socket).doesNotExist();
        io.netty.channel.epoll.Epoll.ensureAvailability();
        io.netty.channel.unix.Socket stale = io.netty.channel.unix.Socket.newSocketDomain();
        stale.bind(new io.netty.channel.unix.DomainSocketAddress(daemon.socket.toFile()));
        stale.close(); // the file stays, nobody listens: what a killed daemon leaves
        assertThat(daemon.socket).exists();
        daemon = new TestDaemon(dir);
        client.close();
        client = daemon.client();
        assertThat(client.call("hello").path("protocol").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> new TestDaemon(dir)).hasMessageContaining("already listening");
    }

    interface Call {
        void run() throws Exception;
    }

    static DaemonErrorException catchError(Call call) throws Exception {
        try {
            call.run();
        } catch (DaemonErrorException e) {
            return e;
        }
        throw new AssertionError("expected an error reply");
    }

    static void assertCode(Call call, String code) throws Exception {
        assertThat(catchError(call).code()).isEqualTo(code);
    }

    @Test
    void budgetsArrivingTogetherAreArbitratedOnceAndEachIsAnsweredWithTheOutcomeThatIncludesIt() throws Exception {
        BudgetDesk desk = daemon.server.budgetDesk();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        Thread blocker = new Thread(() -> desk.exclusive(() -> {
            held.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        blocker.start();
        held.await();
        int appliedBefore = daemon.governor.applied.size();
        int n = 10;
        java.util.List<DynndClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                DynndClient c = daemon.client();
                clients.add(c);
                c.sendLine("{\"id\":" + i + ",\"op\":\"budget\",\"latency_ms\":" + (50 - i) + "}");
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (desk.waiting() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(desk.waiting()).isEqualTo(n);
            hold.countDown();
            blocker.join();
            for (int i = 0; i < n; i++) {
                JsonNode reply = clients.get(i).nextReply(WAIT);
                assertThat(reply.path("id").asInt()).isEqualTo(i);
                JsonNode result = reply.path("result");
                assertThat(result.path("leases").asInt()).as("the outcome includes every budget").isEqualTo(n);
                assertThat(result.path("effective").path("latency_ms").asDouble()).isEqualTo(50.0 - (n - 1));
                assertThat(result.path("lease").path("latency_ms").asDouble()).isEqualTo(50.0 - i);
            }
            assertThat(daemon.governor.applied).as("one arbitration for the %d budgets", n).hasSize(appliedBefore + 1);
        } finally {
            hold.countDown();
            clients.forEach(DynndClient::close);
        }
    }

    @Test
    void leasesListsEveryLeasePageByPage() throws Exception {
        client.call(budget(30));
        try (DynndClient other = daemon.client()) {
            other.call(other.newRequest("budget").put("latency_ms", 8));
            JsonNode page = client.call(client.newRequest("leases").put("limit", 1));
            assertThat(page.path("total").asInt()).isEqualTo(2);
            assertThat(page.path("leases")).hasSize(1);
            assertThat(page.path("next_offset").asInt()).isEqualTo(1);
            JsonNode rest = client.call(client.newRequest("leases").put("offset", 1));
            assertThat(rest.path("leases").get(0).path("latency_ms").asDouble()).isEqualTo(8.0);
            assertThat(rest.path("next_offset").isNull()).isTrue();
            assertCode(() -> client.call(client.newRequest("leases").put("limit", Replies.LEASES_PAGE + 1)), "invalid_value");
        }
    }

    @Test
    void connectionsAreRefusedBeforeTheirMostMemoryCouldExceedWhatIsSetAsideForThem() throws Exception {
        daemon.close();
        client.close();
        ServerSettings settings = ServerSettings.defaults("test-board");
        ConnectionBudget each = ConnectionBudget.of(settings, 0);
        MemoryPools room = new MemoryPools(each.sharedHeapBytes() + each.heapBytes() * 5 / 2, Long.MAX_VALUE);
        daemon = new TestDaemon(dir, settings, TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of(100)), room);
        assertThat(daemon.server.maxClients()).isEqualTo(2);
        client = daemon.client();
        try (DynndClient second = daemon.client(); DynndClient third = daemon.client()) {
            assertThat(second.call("hello").path("limits").path("max_clients").asInt()).isEqualTo(2);
            assertThat(third.nextReply(WAIT).path("error").path("code").asText()).isEqualTo("too_many_clients");
        }
        assertThatThrownBy(() -> new TestDaemon(dir.resolve("none"), settings, TestDaemon.onlyUid(1000),
                ch -> new PeerIdentity(1, 1000, Set.of(100)), new MemoryPools(each.sharedHeapBytes(), Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not even one connection");
    }

    @Test
    void imagesAreDecodedWhileTheInferenceThreadIsBusy() throws Exception {
        daemon.inference.gate = new CountDownLatch(1);
        try {
            client.sendLine("{\"id\":1,\"op\":\"infer\",\"image\":\"" + Base64.getEncoder().encodeToString(new byte[784]) + "\"}");
            // The first inference is held on the inference thread; a bad image is still decoded and refused.
            client.sendLine("{\"id\":2,\"op\":\"infer\",\"image\":\"" + Base64.getEncoder().encodeToString(new byte[100]) + "\"}");
            JsonNode reply = client.nextReply(WAIT);
            assertThat(reply.path("id").asInt()).isEqualTo(2);
            assertThat(reply.path("error").path("code").asText()).isEqualTo("bad_image");
        } finally {
            daemon.inference.gate.countDown();
        }
        assertThat(client.nextReply(WAIT).path("id").asInt()).isEqualTo(1);
    }

    @Test
    void oneConnectionHasAtMostItsShareOfRequestsInFlight() throws Exception {
        int most = ServerSettings.defaults("x").maxInFlight();
        daemon.close();
        // Places for the greedy client's share and one more: one inference running, `most` waiting.
        daemon = new TestDaemon(dir, new ServerSettings("test-board", 4096, 10, 1, most, 10, 1 << 20, 4096, 16384),
                TestDaemon.onlyUid(1000), ch -> new PeerIdentity(1, 1000, Set.of()));
        client.close();
        client = daemon.client();
        daemon.inference.gate = new CountDownLatch(1);
        String image = Base64.getEncoder().encodeToString(new byte[784]);
        try (DynndClient other = daemon.client()) {
            for (int i = 0; i < 3 * most; i++) {
                client.sendLine("{\"id\":" + i + ",\"op\":\"infer\",\"image\":\"" + image + "\"}");
            }
            // Its later lines wait unread, so another client's request still gets a place at once
            // and nothing of the greedy one is refused.
            other.sendLine("{\"id\":99,\"op\":\"infer\",\"image\":\"" + image + "\"}");
            daemon.inference.gate.countDown();
            assertThat(other.nextReply(WAIT).path("ok").asBoolean()).isTrue();
            for (int i = 0; i < 3 * most; i++) {
                assertThat(client.nextReply(WAIT).path("ok").asBoolean()).isTrue();
            }
        } finally {
            daemon.inference.gate.countDown();
        }
    }

    @Test
    void theKernelsSendBufferOfAConnectionIsSmall() throws Exception {
        long id = client.call("hello").path("client").asLong();
        int sndbuf = daemon.server.channelOf(id).config().getOption(io.netty.channel.ChannelOption.SO_SNDBUF);
        assertThat(sndbuf).as("bytes (Linux reports twice what was set)").isLessThanOrEqualTo(2 * SocketServer.SOCKET_SEND_BUFFER_BYTES);
    }

    @Test
    void aClientThatHalfClosesWithLinesStillWaitingGetsEveryReply() throws Exception {
        daemon.inference.gate = new CountDownLatch(1);
        try (java.nio.channels.SocketChannel raw = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            raw.connect(java.net.UnixDomainSocketAddress.of(daemon.socket));
            String image = Base64.getEncoder().encodeToString(new byte[784]);
            // The infer is held; the budget and release then fill the connection's places in
            // flight, so the hello waits in the daemon while the client has stopped sending.
            raw.write(java.nio.ByteBuffer.wrap(("{\"id\":1,\"op\":\"status\"}\n{\"id\":2,\"op\":\"infer\",\"image\":\"" + image
                    + "\"}\n{\"id\":3,\"op\":\"budget\",\"power_w\":3}\n{\"id\":4,\"op\":\"release\"}\n{\"id\":5,\"op\":\"hello\"}\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            raw.shutdownOutput();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    java.nio.channels.Channels.newInputStream(raw), java.nio.charset.StandardCharsets.UTF_8));
            java.util.Set<Integer> ids = new java.util.TreeSet<>();
            for (int i = 0; i < 4; i++) {
                String line = in.readLine();
                assertThat(line).as("reply %d of those not held (got %s)", i + 1, ids).isNotNull();
                ids.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("id").asInt());
            }
            assertThat(ids).containsExactly(1, 3, 4, 5);
            daemon.inference.gate.countDown();
            assertThat(in.readLine()).contains("\"id\":2");
            assertThat(in.readLine()).as("then the daemon closes").isNull();
        } finally {
            daemon.inference.gate.countDown();
        }
    }
}
