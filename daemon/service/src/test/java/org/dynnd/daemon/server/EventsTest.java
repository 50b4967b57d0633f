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
            assertThat(event.path("yours").path("latency_ms").asDouble()).isEqualTo(8.0);
            assertThat(event.path("effective").path("min_accuracy").asDouble()).isEqualTo(85.0);
            assertThat(event.has("sources")).as("other leases are not the holder's business").isFalse();

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

    @Test
    void aLeaseHolderThatDoesNotReadGetsNoLeaseEventQueuedOnlyACountOfThem() throws Exception {
        try (TestDaemon daemon = new TestDaemon(dir); SocketChannel quiet = SocketChannel.open(StandardProtocolFamily.UNIX);
                DynndClient flipper = daemon.client()) {
            quiet.connect(UnixDomainSocketAddress.of(daemon.socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(quiet), StandardCharsets.UTF_8));
            quiet.write(ByteBuffer.wrap("{\"id\":1,\"op\":\"budget\",\"latency_ms\":8}\n{\"id\":2,\"op\":\"subscribe\"}\n"
                    .getBytes(StandardCharsets.UTF_8)));
            // The budget's reply may overtake the subscription's, or not.
            assertThat(in.readLine() + in.readLine()).contains("\"met\":true", "\"subscribed\":true");
            // Telemetry fills its unsent data far above the high-water mark: it is not reading.
            for (int i = 0; i < 5000; i++) {
                daemon.server.broadcast(TableGovernor.sample(i, OP));
            }
            int flips = 50;
            for (int i = 0; i < flips; i++) {
                flipper.call(flipper.newRequest("budget").put("min_accuracy", 85).put("priority", 5));
                flipper.call("release");
            }
            ObjectMapper mapper = new ObjectMapper();
            // Read the backlog while the flipper keeps flipping: the first lease event can only
            // come once the backlog has drained below the low-water mark.
            AtomicBoolean done = new AtomicBoolean();
            Thread keepFlipping = new Thread(() -> {
                try (DynndClient again = daemon.client()) {
                    while (!done.get()) {
                        again.call(again.newRequest("budget").put("min_accuracy", 85).put("priority", 5));
                        again.call("release");
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    done.set(true);
                }
            });
            keepFlipping.start();
            long telemetry = 0;
            long reported = 0;
            JsonNode first = null;
            String line;
            while (first == null && (line = in.readLine()) != null) {
                JsonNode event = mapper.readTree(line);
                reported += event.path("dropped").asLong();
                if (event.path("event").asText().equals("telemetry")) {
                    telemetry++;
                } else {
                    first = event;
                }
            }
            done.set(true);
            keepFlipping.join();
            long telemetryDropped = 5000 - telemetry;
            assertThat(first.path("event").asText()).isEqualTo("lease");
            assertThat(reported - telemetryDropped).as("lease events missed while it did not read").isGreaterThanOrEqualTo(2L * flips);
        }
    }
}
