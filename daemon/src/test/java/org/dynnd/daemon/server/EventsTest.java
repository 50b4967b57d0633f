package org.dynnd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Lease events to the holders of other budgets, and subscribers that do not read. */
@Timeout(60)
class EventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final OperatingPointInfo OP = new OperatingPointInfo(1, "a15", 2_000_000, 0);

    @TempDir
    Path dir;

    @Test
    void aHigherPriorityBudgetTellsTheOverriddenHolderItsBudgetIsNoLongerMet() throws Exception {
        try (TestDaemon daemon = new TestDaemon(dir); DynndClient low = daemon.client(); DynndClient high = daemon.client()) {
            assertThat(low.call(low.newRequest("budget").put("latency_ms", 8)).path("met").asBoolean()).isTrue();
            JsonNode highResult = high.call(high.newRequest("budget").put("min_accuracy", 85).put("priority", 5));
            assertThat(highResult.path("met").asBoolean()).isTrue();
            JsonNode event = low.nextEvent(WAIT).orElseThrow();
            assertThat(event.path("event").asText()).isEqualTo("lease");
            assertThat(event.path("met").asBoolean()).isFalse();
            assertThat(event.path("overridden").get(0).path("latency_ms").asDouble()).isEqualTo(8.0);

            high.call("release");
            JsonNode again = low.nextEvent(WAIT).orElseThrow();
            assertThat(again.path("met").asBoolean()).isTrue();
            assertThat(high.nextEvent(Duration.ofMillis(100))).isEmpty(); // the requester gets its reply, not an event
        }
    }

    @Test
    void aSubscriberThatDoesNotReadMissesEventsInsteadOfGrowingMemory() throws Exception {
        try (TestDaemon daemon = new TestDaemon(dir); SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            slow.connect(UnixDomainSocketAddress.of(daemon.socket));
            slow.write(ByteBuffer.wrap("{\"id\":1,\"op\":\"subscribe\"}\n".getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(slow), StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"subscribed\":true");

            int flood = 5000; // about 3 MB of events, far above the 256 KiB high-water mark
            for (int i = 0; i < flood; i++) {
                daemon.server.broadcast(TableGovernor.sample(i, OP));
            }
            try (DynndClient other = daemon.client()) {
                assertThat(other.call("hello").path("protocol").asInt()).isEqualTo(1); // the daemon is unaffected
            }

            ObjectMapper mapper = new ObjectMapper();
            AtomicLong received = new AtomicLong();
            AtomicLong reportedDropped = new AtomicLong();
            AtomicBoolean markerSeen = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while (!markerSeen.get() && (line = in.readLine()) != null) {
                        JsonNode event = mapper.readTree(line);
                        received.incrementAndGet();
                        reportedDropped.addAndGet(event.path("dropped").asLong());
                        if (event.path("sample").path("time_ms").asLong() == -1) {
                            markerSeen.set(true);
                        }
                    }
                } catch (Exception e) {
                    markerSeen.set(true);
                }
            });
            reader.start();
            while (!markerSeen.get()) { // once the backlog drains, a marker gets through
                daemon.server.broadcast(TableGovernor.sample(-1, OP));
                Thread.sleep(10);
            }
            reader.join();
            assertThat(received.get()).isLessThan(flood);
            assertThat(reportedDropped.get()).isPositive();
        }
    }
}
