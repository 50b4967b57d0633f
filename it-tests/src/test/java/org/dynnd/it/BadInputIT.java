package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of bad input, each on its own connection: the expected error comes back where there is
 * a reply, and afterwards the daemon still answers a well-formed client.
 */
class BadInputIT extends DaemonTest {


    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonProcess.start(home);
    }

    /** A malformed line and the error code (and id) its reply must carry. */
    record BadLine(String name, byte[] line, String code, String id) {
        static BadLine of(String name, String line, String code, String id) {
            return new BadLine(name, (line + "\n").getBytes(StandardCharsets.UTF_8), code, id);
        }
    }

    static List<BadLine> corpus() {
        byte[] junk = new byte[4096];
        new Random(8).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) {
            if (junk[i] == '\n') {
                junk[i] = (byte) 0xff;
            }
        }
        junk[0] = (byte) 0xf8; // never the start of UTF-8
        byte[] junkLine = Arrays.copyOf(junk, junk.length + 1);
        junkLine[junk.length] = '\n';
        return List.of(
                BadLine.of("broken JSON", "{\"id\":1,\"op\":", "malformed_json", "null"),
                BadLine.of("an empty line", "", "malformed_json", "null"),
                BadLine.of("duplicate key", "{\"id\":1,\"op\":\"hello\",\"op\":\"status\"}", "malformed_json", "null"),
                BadLine.of("not an object", "[1,2,3]", "invalid_request", "null"),
                BadLine.of("no op", "{\"id\":2}", "invalid_request", "2"),
                BadLine.of("an id of the wrong type", "{\"id\":[1],\"op\":\"hello\"}", "wrong_type", "null"),
                BadLine.of("a budget as a string", "{\"id\":3,\"op\":\"budget\",\"latency_ms\":\"fast\"}", "wrong_type", "3"),
                BadLine.of("a fractional priority", "{\"id\":4,\"op\":\"budget\",\"latency_ms\":5,\"priority\":1.5}", "wrong_type", "4"),
                BadLine.of("an infinite number", "{\"id\":5,\"op\":\"budget\",\"latency_ms\":1e309}", "invalid_value", "5"),
                BadLine.of("a huge number", "{\"id\":6,\"op\":\"budget\",\"power_w\":123456789012345678901234567890}", "invalid_value", "6"),
                BadLine.of("NaN", "{\"id\":7,\"op\":\"budget\",\"latency_ms\":NaN}", "invalid_value", "7"),
                BadLine.of("NaN as a string", "{\"id\":8,\"op\":\"budget\",\"energy_mj\":\"NaN\"}", "wrong_type", "8"),
                BadLine.of("a negative budget", "{\"id\":9,\"op\":\"budget\",\"latency_ms\":-5}", "invalid_value", "9"),
                BadLine.of("a zero budget", "{\"id\":10,\"op\":\"budget\",\"power_w\":0}", "invalid_value", "10"),
                BadLine.of("an accuracy above 100", "{\"id\":11,\"op\":\"budget\",\"min_accuracy\":101}", "invalid_value", "11"),
                BadLine.of("an unknown objective", "{\"id\":12,\"op\":\"budget\",\"objective\":\"fastest\"}", "invalid_value", "12"),
                BadLine.of("a priority out of range", "{\"id\":13,\"op\":\"budget\",\"latency_ms\":5,\"priority\":100000}", "invalid_value", "13"),
                BadLine.of("an empty budget", "{\"id\":14,\"op\":\"budget\"}", "invalid_request", "14"),
                BadLine.of("an unknown op", "{\"id\":15,\"op\":\"frobnicate\"}", "unknown_op", "15"),
                BadLine.of("an unknown field", "{\"id\":16,\"op\":\"status\",\"verbose\":true}", "unknown_field", "16"),
                BadLine.of("infer without an image", "{\"id\":17,\"op\":\"infer\"}", "invalid_request", "17"),
                BadLine.of("an image that is not base64", "{\"id\":18,\"op\":\"infer\",\"image\":\"!!!\"}", "bad_image", "18"),
                BadLine.of("an image of the wrong size", "{\"id\":19,\"op\":\"infer\",\"image\":\"AAAA\"}", "bad_image", "19"),
                new BadLine("binary junk", junkLine, "malformed_json", "null"),
                new BadLine("a 10 MB line", tenMegabyteLine(), "line_too_long", "null"));
    }

    @TestFactory
    Stream<DynamicTest> everyBadLineGetsItsErrorAndTheDaemonStillServes() {
        return corpus().stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
                client.sendBytes(bad.line());
                JsonNode reply = client.nextReply();
                assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isFalse();
                assertThat(reply.get("error").get("code").asText()).as(reply.toString()).isEqualTo(bad.code());
                assertThat(reply.get("error").get("message").asText()).isNotBlank();
                assertThat(reply.get("id").asText()).isEqualTo(bad.id());
                // The same connection is still served: the bad line cost only its own reply.
                assertThat(client.result("hello").get("protocol").asInt()).isEqualTo(1);
            }
            assertWellFormedClientServed();
        }));
    }

    @Test
    void halfALineThenSilenceBlocksNobody() throws Exception {
        try (ProtocolClient silent = ProtocolClient.connect(daemon.socket())) {
            silent.send("{\"id\":1,\"op\":\"hel");
            assertWellFormedClientServed();
            // It gets its reply once it finishes the line, however late.
            Thread.sleep(1_000);
            silent.send("lo\"}\n");
            assertThat(silent.nextReply().get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void aClientThatNeverReadsItsRepliesBlocksNobody() throws Exception {
        try (ProtocolClient deaf = ProtocolClient.connect(daemon.socket())) {
            // A raw channel that is never read: subscribed, then 20,000 status requests (about
            // 20 MB of replies), far past the 256 KiB high-water mark.
            try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                channel.connect(java.net.UnixDomainSocketAddress.of(daemon.socket()));
                channel.configureBlocking(false);
                byte[] request = "{\"id\":1,\"op\":\"status\"}\n".getBytes(StandardCharsets.UTF_8);
                java.nio.ByteBuffer requests = java.nio.ByteBuffer.allocate(request.length * 20_000 + 64);
                requests.put("{\"id\":0,\"op\":\"subscribe\"}\n".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 20_000; i++) {
                    requests.put(request);
                }
                requests.flip();
                long until = System.currentTimeMillis() + 5_000;
                while (requests.hasRemaining() && System.currentTimeMillis() < until) {
                    if (channel.write(requests) == 0) {
                        Thread.sleep(10);
                    }
                }
                // The daemon stopped reading it once its replies piled up: its socket buffer is full.
                assertThat(requests.hasRemaining()).as("the daemon kept reading a client that never reads").isTrue();
                assertWellFormedClientServed();
                JsonNode status = deaf.result("status");
                assertThat(status.get("clients").asInt()).isGreaterThanOrEqualTo(2);
            }
            // Once it hangs up, the daemon forgets it and keeps serving.
            Thread.sleep(500);
            assertWellFormedClientServed();
        }
    }

    private static void assertWellFormedClientServed() throws IOException, InterruptedException {
        try (ProtocolClient client = ProtocolClient.connect(daemon.socket())) {
            assertThat(client.result("hello").get("protocol").asInt()).isEqualTo(1);
            JsonNode budget = client.result(client.request("budget").put("latency_ms", 100));
            assertThat(budget.get("lease").get("latency_ms").asDouble()).isEqualTo(100.0);
            assertThat(client.result("release").get("released").asBoolean()).isTrue();
        }
    }

    /** Ten megabytes of a JSON string inside a request: far over the 256 KiB line limit. */
    private static byte[] tenMegabyteLine() {
        byte[] line = new byte[10 * 1024 * 1024];
        Arrays.fill(line, (byte) 'a');
        byte[] head = "{\"id\":20,\"op\":\"infer\",\"image\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, line, 0, head.length);
        line[line.length - 3] = '"';
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        return line;
    }
}
