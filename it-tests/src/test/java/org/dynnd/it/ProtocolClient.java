package org.dynnd.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A protocol client written from docs/protocol.md alone: JSON Lines over a Unix stream socket, with
 * the JDK's Unix-domain channels. A reader thread splits what arrives into lines; replies are
 * matched to requests by id, events are kept for {@link #nextEvent}.
 */
final class ProtocolClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long REPLY_TIMEOUT_MS = 30_000;

    private final SocketChannel channel;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread reader;
    private volatile IOException readFailure;

    private ProtocolClient(SocketChannel channel) {
        this.channel = channel;
        this.reader = new Thread(this::readLines, "client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static ProtocolClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new ProtocolClient(channel);
    }

    /** A request object with a fresh id and {@code op}. */
    ObjectNode request(String op) {
        ObjectNode request = JSON.createObjectNode();
        request.put("id", ids.incrementAndGet());
        request.put("op", op);
        return request;
    }

    /** Sends {@code request} and returns the reply with its id (events and other replies are kept aside). */
    JsonNode call(ObjectNode request) throws IOException, InterruptedException {
        send(request + "\n");
        JsonNode id = request.get("id");
        long deadline = System.currentTimeMillis() + REPLY_TIMEOUT_MS;
        while (true) {
            JsonNode reply = replies.poll(Math.max(1, Math.min(200, deadline - System.currentTimeMillis())), TimeUnit.MILLISECONDS);
            if (reply == null && !reader.isAlive() && replies.isEmpty()) {
                throw new AssertionError("the daemon closed the connection before replying to " + abbreviate(request.toString()));
            }
            if (reply == null && System.currentTimeMillis() < deadline) {
                continue;
            }
            if (reply == null) {
                throw new AssertionError("no reply to " + abbreviate(request.toString()) + " within " + REPLY_TIMEOUT_MS
                        + " ms" + (readFailure == null ? "" : " (" + readFailure + ")"));
            }
            // Compared as text: Jackson reads a small integer back as an int node, not the long one sent.
            if (reply.get("id").asText().equals(id.asText()) && reply.get("id").isTextual() == id.isTextual()) {
                return reply;
            }
        }
    }

    /** {@link #call} of an op without fields. */
    JsonNode call(String op) throws IOException, InterruptedException {
        return call(request(op));
    }

    /** The result of a successful reply; fails the test on an error reply. */
    JsonNode result(ObjectNode request) throws IOException, InterruptedException {
        JsonNode reply = call(request);
        if (!reply.path("ok").asBoolean()) {
            throw new AssertionError("request " + abbreviate(request.toString()) + " failed: " + reply);
        }
        return reply.get("result");
    }

    JsonNode result(String op) throws IOException, InterruptedException {
        return result(request(op));
    }

    /** Sends raw text as it is (the caller adds the newline, or not). */
    void send(String text) throws IOException {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (channel) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** The next reply, whatever its id (for lines whose reply carries id null). */
    JsonNode nextReply() throws InterruptedException {
        JsonNode reply = replies.poll(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new AssertionError("no reply within " + REPLY_TIMEOUT_MS + " ms" + (readFailure == null ? "" : " (" + readFailure + ")"));
        }
        return reply;
    }

    /** The next event, or null when none came within {@code timeoutMs}. */
    JsonNode nextEvent(long timeoutMs) throws InterruptedException {
        return events.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Forgets the events received so far. */
    void clearEvents() {
        events.clear();
    }

    private void readLines() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        JsonNode node = JSON.readTree(line.toByteArray());
                        (node.has("event") ? events : replies).add(node);
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                buffer.clear();
            }
        } catch (IOException e) {
            readFailure = e;
        }
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
