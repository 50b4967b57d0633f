package org.dynnd.daemon.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.access.PeerIdentity;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.config.AccessConfig;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.config.InferenceConfig;
import org.dynnd.daemon.reload.ConfigDiff;
import org.dynnd.daemon.server.ServerSettings;
import org.dynnd.daemon.server.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket server takes reloaded access rules and queue bound: a real server, a real socket, uid 1000 as the peer. */
class ServerLivePartTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TestDaemon daemon;
    private DynndClient client;
    private ServerLivePart part;
    private DynndConfig running;

    @BeforeEach
    void start() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nusers:x:100:alice\noperators:x:200:\n");
        running = DynndConfig.defaults().withAccess(new AccessConfig(List.of("root"), List.of(), null))
                .withInference(new InferenceConfig(1, null));
        daemon = new TestDaemon(dir, new ServerSettings("test-board", 4096, 10, 1, 1, 10, 1 << 20, 1024, 4096),
                new AccessPolicy(List.of(0), List.of(), AccessPolicy.DEFAULT_READ_OPS), ch -> new PeerIdentity(1, 1000, Set.of(100)));
        client = daemon.client();
        part = new ServerLivePart(daemon.server, root);
    }

    @AfterEach
    void stop() {
        client.close();
        daemon.close();
    }

    private void reload(DynndConfig next) throws ConfigException {
        ConfigDiff diff = ConfigDiff.between(running, next);
        daemon.server.exclusive(part.prepare(diff.effective(), diff)::apply);
        running = diff.effective();
    }

    private String budgetError() throws Exception {
        JsonNode reply = client.exchange(client.newRequest("budget").put("latency_ms", 20), WAIT);
        return reply.path("ok").asBoolean() ? "" : reply.path("error").path("code").asText();
    }

    @Test
    void aUserNamedAfterTheReloadMaySetABudgetAndHelloSaysSo() throws Exception {
        assertThat(budgetError()).isEqualTo("access_denied");
        assertThat(client.call("hello").path("allowed_ops").toString()).doesNotContain("\"budget\"");

        reload(running.withAccess(new AccessConfig(List.of("root", "alice"), List.of(), null)));

        assertThat(budgetError()).isEmpty();
        assertThat(client.call("hello").path("allowed_ops").toString()).contains("\"budget\"", "\"release\"");
    }

    @Test
    void aGroupNamedAfterTheReloadGrantsItsMembersAndDroppingItTakesItBack() throws Exception {
        reload(running.withAccess(new AccessConfig(List.of("root"), List.of("users"), null)));
        assertThat(budgetError()).isEmpty();
        reload(running.withAccess(new AccessConfig(List.of("root"), List.of("operators"), null)));
        assertThat(budgetError()).isEqualTo("access_denied");
    }

    @Test
    void narrowerReadOpsRefuseInferToOthers() throws Exception {
        reload(running.withAccess(new AccessConfig(List.of("root"), List.of(), List.of("hello", "status"))));
        JsonNode reply = client.exchange(client.newRequest("infer").put("image", Base64.getEncoder().encodeToString(new byte[784])), WAIT);
        assertThat(reply.path("error").path("code").asText()).isEqualTo("access_denied");
        assertThat(client.call("hello").path("allowed_ops").toString()).isEqualTo("[\"hello\",\"status\"]");
    }

    @Test
    void reloadedRulesAreSwappedOnTheArbiterWhileTheEventLoopWaitsSoNoRequestSeesHalfOfThem() throws Exception {
        List<String> where = new java.util.ArrayList<>();
        AccessPolicy half = new AccessPolicy(List.of(1000), List.of(), Set.of());
        AccessPolicy whole = new AccessPolicy(List.of(0), List.of(), Set.of(org.dynnd.daemon.protocol.Op.STATUS));
        CountDownLatch sent = new CountDownLatch(1);
        Thread asker = new Thread(() -> {
            try {
                client.sendLine("{\"id\":7,\"op\":\"hello\"}");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sent.countDown();
        });
        daemon.server.exclusive(() -> {
            where.add(Thread.currentThread().getName());
            daemon.server.reconfigure(half, 1);
            asker.start();
            try {
                sent.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            daemon.server.reconfigure(whole, 1);
        });
        // The hello arrived while the first half was in force, and is answered under the whole.
        assertThat(client.nextReply(WAIT).path("result").path("allowed_ops").toString()).isEqualTo("[\"hello\",\"status\"]");
        assertThat(where).containsExactly("dynnd-arbiter");
    }

    @Test
    void aLargerQueueLetsMoreInferencesWait() throws Exception {
        reload(running.withAccess(new AccessConfig(List.of("root", "alice"), List.of(), null)));
        assertThat(busyAmong(3)).as("one runs, one waits, the third is refused").containsExactly(3);
        reload(running.withInference(new InferenceConfig(3, null)));
        assertThat(busyAmong(5)).as("one runs, three wait, the fifth is refused").containsExactly(5);
    }

    /** The engine's gate, closed, that says when an inference has reached it (is off the queue). */
    private static final class EntryGate extends CountDownLatch {
        final CountDownLatch entered = new CountDownLatch(1);

        EntryGate() {
            super(1);
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            entered.countDown();
            return super.await(timeout, unit);
        }
    }

    /**
     * Sends {@code n} inferences while the engine is held, each over its own connection (one
     * connection has only a few requests in flight); the ids answered busy.
     */
    private List<Integer> busyAmong(int n) throws Exception {
        EntryGate gate = new EntryGate();
        daemon.inference.gate = gate;
        String image = Base64.getEncoder().encodeToString(new byte[784]);
        List<DynndClient> senders = new java.util.ArrayList<>();
        List<Integer> busy = new java.util.ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                DynndClient sender = daemon.client();
                senders.add(sender);
                sender.sendLine("{\"id\":" + i + ",\"op\":\"infer\",\"image\":\"" + image + "\"}");
                if (i == 1) {
                    // The first must be running (taken off the queue) before the others arrive.
                    assertThat(gate.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                            .as("the first inference reached the engine").isTrue();
                }
            }
            // The refused one is answered at once, while the engine is still held.
            JsonNode refused = senders.get(n - 1).nextReply(WAIT);
            if ("busy".equals(refused.path("error").path("code").asText())) {
                busy.add(refused.path("id").asInt());
            }
            gate.countDown();
            for (int i = 0; i < n - 1; i++) {
                JsonNode reply = senders.get(i).nextReply(WAIT);
                if ("busy".equals(reply.path("error").path("code").asText())) {
                    busy.add(reply.path("id").asInt());
                }
            }
        } finally {
            gate.countDown();
            senders.forEach(DynndClient::close);
        }
        return busy;
    }
}
