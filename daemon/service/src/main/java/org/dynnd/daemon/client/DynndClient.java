package org.dynnd.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the dynnd protocol over its Unix socket, with only the JDK and Jackson: used by
 * {@code dynnctl} and by tests. A reader thread sorts incoming lines into replies (they have an
 * {@code ok} field) and events (they have an {@code event} field). Requests are sent one at a
 * time and their replies awaited; one client object is meant for one thread.
 */
public final class DynndClient implements AutoCloseable {

    /** How long a reply is awaited by default; inference on a slow board can take a while. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode CLOSED = MAPPER.createObjectNode().put("closed", true);

    private final Path socket;
    private final SocketChannel channel;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Thread reader;

    private DynndClient(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "dynnd-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to the daemon at {@code socket}; the exception says why none answers. */
    public static DynndClient connect(Path socket) throws DaemonUnavailableException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new DynndClient(socket, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw unavailable(socket, e);
        }
    }

    private static DaemonUnavailableException unavailable(Path socket, IOException e) {
        String why;
        if (!Files.exists(socket)) {
            why = "no dynnd socket at " + socket + ": dynnd is not running (start it with `systemctl start dynnd` "
                    + "or `dynnd run`), or give its socket with --socket";
        } else if (e instanceof AccessDeniedException || String.valueOf(e.getMessage()).contains("ermission")) {
            why = "no permission to open " + socket + ": ask for membership of the socket's group (usually dynnd)";
        } else if (e instanceof java.net.ConnectException) {
            why = "nothing listens on " + socket + ": dynnd is not running (the socket file is left from an earlier run)";
        } else {
            why = "cannot connect to " + socket + ": " + e.getMessage();
        }
        return new DaemonUnavailableException(why, e);
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode node = MAPPER.readTree(line);
                (node.has("event") ? events : replies).add(node);
            }
        } catch (IOException e) {
            // The connection ended; the waiting caller learns it from CLOSED below.
        }
        replies.add(CLOSED);
        events.add(CLOSED);
    }

    /** A new request object for {@code op} with a fresh id. */
    public ObjectNode newRequest(String op) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("id", nextId.getAndIncrement());
        request.put("op", op);
        return request;
    }

    /** Sends {@code request} and returns its reply, an error reply included. */
    public JsonNode exchange(ObjectNode request, Duration timeout) throws IOException {
        sendLine(MAPPER.writeValueAsString(request));
        JsonNode id = request.path("id");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode reply = nextReply(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (sameId(id, reply.path("id"))) {
                return reply;
            }
        }
    }

    // Jackson reads a small number back as an int node, which never equals the long node sent.
    private static boolean sameId(JsonNode sent, JsonNode received) {
        if (sent.isIntegralNumber() && received.isIntegralNumber()) {
            return sent.longValue() == received.longValue();
        }
        return sent.equals(received);
    }

    /**
     * Sends {@code request} and returns the {@code result} of its reply.
     *
     * @throws DaemonErrorException when the daemon answered with an error
     */
    public JsonNode call(ObjectNode request) throws IOException, DaemonErrorException {
        JsonNode reply = exchange(request, DEFAULT_TIMEOUT);
        if (!reply.path("ok").asBoolean(false)) {
            throw new DaemonErrorException(reply.path("error").path("code").asText("?"),
                    reply.path("error").path("message").asText(""));
        }
        return reply.path("result");
    }

    /** {@code call(newRequest(op))}. */
    public JsonNode call(String op) throws IOException, DaemonErrorException {
        return call(newRequest(op));
    }

    /** Sends one raw line (a newline is added); for tests of bad input. */
    public void sendLine(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes as they are. */
    public synchronized void sendBytes(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The next reply, whatever its id. */
    public JsonNode nextReply(Duration timeout) throws IOException {
        return take(replies, timeout, "reply");
    }

    /** The next event, or empty when none came within {@code timeout}. */
    public Optional<JsonNode> nextEvent(Duration timeout) throws IOException {
        try {
            JsonNode event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (event == CLOSED) {
                events.add(CLOSED);
                throw new IOException("dynnd closed the connection");
            }
            return Optional.ofNullable(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an event", e);
        }
    }

    private JsonNode take(BlockingQueue<JsonNode> queue, Duration timeout, String what) throws IOException {
        try {
            JsonNode node = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (node == null) {
                throw new IOException("no " + what + " from dynnd at " + socket + " within " + timeout.toMillis() + " ms");
            }
            if (node == CLOSED) {
                queue.add(CLOSED);
                throw new IOException("dynnd closed the connection");
            }
            return node;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a " + what, e);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing is best effort; the daemon notices the hang-up either way.
            }
        }
    }
}
