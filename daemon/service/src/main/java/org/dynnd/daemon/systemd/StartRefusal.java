package org.dynnd.daemon.systemd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.Replies;

/**
 * Answers the clients whose connection started the daemon through systemd's socket when the
 * daemon refuses to start: each queued connection gets one {@code not_started} reply carrying
 * the reason (with the id of its first request, when it sent one in time), instead of waiting
 * for its timeout on a socket no one will serve. Bounded: at most {@link #MAX_CLIENTS}
 * connections, each given {@link #READ_MILLIS} to send its request.
 */
public final class StartRefusal {

    static final int MAX_CLIENTS = 64;
    static final int READ_MILLIS = 500;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final short POLLIN = 1;
    private static final int MAX_REQUEST = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    interface LibC extends Library {
        int poll(byte[] fds, NativeLong nfds, int timeout) throws LastErrorException;

        int accept4(int fd, Pointer addr, Pointer addrlen, int flags) throws LastErrorException;

        NativeLong read(int fd, byte[] buf, NativeLong count) throws LastErrorException;

        NativeLong write(int fd, byte[] buf, NativeLong count) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final LibC libc;

    public StartRefusal() {
        this.libc = Native.load("c", LibC.class);
    }

    /** Answers every connection queued on {@code listeningFd} with {@code reason}; returns how many. */
    public int answerQueued(int listeningFd, String reason) {
        int answered = 0;
        while (answered < MAX_CLIENTS && readable(listeningFd, 0)) {
            int client;
            try {
                client = libc.accept4(listeningFd, null, null, SOCK_CLOEXEC);
            } catch (LastErrorException e) {
                break; // taken by someone else, or the listener is gone
            }
            try {
                byte[] reply = (Replies.error(firstRequestId(client), ErrorCode.NOT_STARTED, "dynnd did not start: " + reason)
                        .toString() + "\n").getBytes(StandardCharsets.UTF_8);
                libc.write(client, reply, new NativeLong(reply.length));
                answered++;
            } catch (LastErrorException e) {
                // the client went away: nothing to tell it
            } finally {
                try {
                    libc.close(client);
                } catch (LastErrorException e) {
                    // closing an accepted socket fails only if it is already closed
                }
            }
        }
        return answered;
    }

    /** The id of the request the client sent within {@link #READ_MILLIS}, or null. */
    private JsonNode firstRequestId(int client) {
        byte[] buffer = new byte[MAX_REQUEST];
        int length = 0;
        long deadline = System.nanoTime() + READ_MILLIS * 1_000_000L;
        while (length < buffer.length) {
            int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            if (left == 0 || !readable(client, left)) {
                return null;
            }
            byte[] chunk = new byte[buffer.length - length];
            int n = libc.read(client, chunk, new NativeLong(chunk.length)).intValue();
            if (n <= 0) {
                return null;
            }
            System.arraycopy(chunk, 0, buffer, length, n);
            length += n;
            for (int i = 0; i < length; i++) {
                if (buffer[i] == '\n') {
                    try {
                        JsonNode id = JSON.readTree(new String(buffer, 0, i, StandardCharsets.UTF_8)).get("id");
                        return id == null || id.isNull() ? null : id;
                    } catch (java.io.IOException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private boolean readable(int fd, int timeoutMillis) {
        // struct pollfd { int fd; short events; short revents; }, little- or big-endian alike via the native order
        java.nio.ByteBuffer pollfd = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
        pollfd.putInt(fd).putShort(POLLIN).putShort((short) 0);
        byte[] raw = pollfd.array();
        try {
            return libc.poll(raw, new NativeLong(1), timeoutMillis) > 0
                    && (java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.nativeOrder()).getShort(6) & POLLIN) != 0;
        } catch (LastErrorException e) {
            return false;
        }
    }
}
