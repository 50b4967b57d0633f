package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Clients of one running daemon: the Java client written from the protocol document, socat (a
 * client no one here wrote) sending protocol lines, and socat run as another user whose uid and
 * groups decide what it may do.
 */
class ClientsIT extends DaemonTest {

    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    /** nobody / nogroup on Debian. */
    static final int NOBODY = 65534;
    /** A group that exists on every Debian system ("users"); the configuration lets its members set budgets. */
    static final int USERS_GID = 100;


    @BeforeAll
    static void start() throws Exception {
        DaemonProcess.writeConfig(home, "access:\n  budget_users: [root]\n  budget_groups: [\"" + USERS_GID + "\"]\n");
        daemon = DaemonProcess.start(home);
    }

    @Test
    void theJavaClientSeesTheEmulatedBoardAndItsOwnLease() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
            JsonNode hello = client.result("hello");
            assertThat(hello.get("protocol").asInt()).isEqualTo(1);
            assertThat(hello.get("platform").asText()).isEqualTo("emulated:odroid-xu3");
            assertThat(hello.get("uid").asInt()).isEqualTo(uid());
            List<String> units = new ArrayList<>();
            hello.get("operating_points").forEach(op -> {
                if (!units.contains(op.get("unit").asText())) {
                    units.add(op.get("unit").asText());
                }
            });
            assertThat(units).containsExactlyInAnyOrder("a7", "a15");

            JsonNode budget = client.result(client.request("budget").put("latency_ms", 40).put("priority", 5));
            assertThat(budget.get("lease").get("latency_ms").asDouble()).isEqualTo(40.0);
            assertThat(budget.get("lease").get("priority").asInt()).isEqualTo(5);
            assertThat(budget.get("effective").get("latency_ms").asDouble()).isEqualTo(40.0);

            JsonNode status = client.result("status");
            assertThat(status.get("yours").get("latency_ms").asDouble()).isEqualTo(40.0);
            assertThat(status.get("clients").asInt()).isGreaterThanOrEqualTo(1);

            JsonNode released = client.result("release");
            assertThat(released.get("released").asBoolean()).isTrue();
            assertThat(released.get("effective").get("latency_ms").isNull()).isTrue();
            assertThat(client.result("release").get("released").asBoolean()).isFalse();
        }
    }

    @Test
    void theJavaClientClassifiesAFashionMnistImage() throws Exception {
        FashionMnist images = FashionMnist.load(1);
        try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
            JsonNode result = client.result(client.request("infer").put("image", images.base64(0)));
            assertThat(result.get("class").asInt()).isBetween(0, 9);
            assertThat(result.get("label").asText()).isNotBlank();
            assertThat(result.get("latency_ms").asDouble()).isPositive();
            assertThat(result.get("op").get("groups").asInt()).isBetween(1, 4);
        }
    }

    @Test
    void socatSpeaksTheProtocol() throws Exception {
        assumeTrue(Socat.installed(), "socat is not installed (.ci/run installs it)");
        List<JsonNode> replies = Socat.exchange(List.of(), daemon.socket(),
                "{\"id\":1,\"op\":\"hello\"}\n"
                + "{\"id\":2,\"op\":\"budget\",\"latency_ms\":\"fast\"}\n"
                + "{\"id\":\"three\",\"op\":\"budget\",\"power_w\":3}\n"
                + "{\"id\":4,\"op\":\"status\"}\n", 4);
        assertThat(replies).as(Socat.ids(replies)).hasSize(4);
        assertThat(Socat.withId(replies, 1).get("result").get("protocol").asInt()).isEqualTo(1);
        assertThat(Socat.withId(replies, 2).get("ok").asBoolean()).isFalse();
        assertThat(Socat.withId(replies, 2).get("error").get("code").asText()).isEqualTo("wrong_type");
        JsonNode budget = Socat.withId(replies, "three");
        assertThat(budget.get("ok").asBoolean()).isTrue();
        assertThat(budget.get("result").get("lease").get("power_w").asDouble()).isEqualTo(3.0);
        // The lease ended with socat's connection: once the daemon has seen the hang-up (on its
        // event loop, soon after socat exits), a new connection sees no budget.
        try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
            long deadline = System.currentTimeMillis() + 5_000;
            JsonNode effective = client.result("status").get("effective");
            while (!effective.get("power_w").isNull() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                effective = client.result("status").get("effective");
            }
            assertThat(effective.get("power_w").isNull()).as("the effective budget 5 s after socat left: %s", effective).isTrue();
        }
    }

    /**
     * {@code socat -t 3 - UNIX-CONNECT:… < requests} closes its sending side after the last line
     * and waits 3 s for the replies: the daemon must still answer every request it read.
     */
    @Test
    void aClientThatHalfClosesGetsEveryReply() throws Exception {
        assumeTrue(Socat.installed(), "socat is not installed (.ci/run installs it)");
        String image = FashionMnist.load(1).base64(0);
        Path in = Files.writeString(home.resolve("half-close.in"), "{\"id\":1,\"op\":\"status\"}\n"
                + "{\"id\":2,\"op\":\"infer\",\"image\":\"" + image + "\"}\n"
                + "{\"id\":3,\"op\":\"budget\",\"power_w\":3}\n{\"id\":4,\"op\":\"release\"}\n"
                + "{\"id\":5,\"op\":\"hello\"}\n");
        Command socat = Command.runWithInput(home, in, Socat.SOCAT, "-t", "3", "-", "UNIX-CONNECT:" + daemon.socket());
        List<JsonNode> replies = new ArrayList<>();
        for (String line : socat.stdout().lines().toList()) {
            replies.add(ProtocolClient.JSON.readTree(line));
        }
        assertThat(replies).as(Socat.ids(replies)).hasSize(5);
        assertThat(Socat.withId(replies, 2).get("result").get("class").isInt()).isTrue();
        assertThat(Socat.withId(replies, 3).get("ok").asBoolean()).isTrue();
        assertThat(Socat.withId(replies, 4).get("result").get("released").asBoolean()).isTrue();
    }

    @Test
    void anotherUserMayReadButNotSetBudgetsUnlessItsGroupIsAllowed() throws Exception {
        assumeTrue(uid() == 0, "not root: cannot run a client as another user");
        assumeTrue(Socat.installed() && Files.isExecutable(SETPRIV), "socat or setpriv is not installed");
        // The socket is open to every user (0666); let others through the folders above it.
        for (Path dir = home; dir != null && !dir.equals(Path.of("/tmp")); dir = dir.getParent()) {
            assertThat(Command.run(home, Path.of("/bin/chmod"), "o+x", dir.toString()).exitCode()).isZero();
        }
        String lines = "{\"id\":1,\"op\":\"hello\"}\n{\"id\":2,\"op\":\"budget\",\"latency_ms\":30}\n"
                + "{\"id\":3,\"op\":\"release\"}\n{\"id\":4,\"op\":\"status\"}\n";

        List<JsonNode> nobody = Socat.exchange(
                List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"), daemon.socket(), lines, 4);
        assertThat(nobody).as(Socat.ids(nobody)).hasSize(4);
        assertThat(Socat.withId(nobody, 1).get("result").get("uid").asInt()).isEqualTo(NOBODY);
        assertThat(Socat.withId(nobody, 1).get("result").get("allowed_ops")).extracting(JsonNode::asText)
                .contains("hello", "status", "infer").doesNotContain("budget", "release");
        assertThat(Socat.withId(nobody, 2).get("error").get("code").asText()).isEqualTo("access_denied");
        assertThat(Socat.withId(nobody, 3).get("error").get("code").asText()).isEqualTo("access_denied");
        assertThat(Socat.withId(nobody, 4).get("ok").asBoolean()).isTrue();
        assertThat(Socat.withId(nobody, 4).get("result").get("effective").get("latency_ms").isNull()).isTrue();

        // The same uid with the allowed group as a supplementary group (the daemon reads it from /proc).
        List<JsonNode> member = Socat.exchange(
                List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--groups=" + USERS_GID), daemon.socket(), lines, 4);
        assertThat(member).as(Socat.ids(member)).hasSize(4);
        assertThat(Socat.withId(member, 2).get("ok").asBoolean()).as(Socat.ids(member)).isTrue();
        assertThat(Socat.withId(member, 2).get("result").get("sources").get(0).get("uid").asInt()).isEqualTo(NOBODY);
        assertThat(Socat.withId(member, 3).get("result").get("released").asBoolean()).isTrue();
    }

    static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
