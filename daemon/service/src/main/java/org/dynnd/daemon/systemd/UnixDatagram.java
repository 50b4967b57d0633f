package org.dynnd.daemon.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sends one datagram to a Unix datagram socket through libc (JNA): the JDK has no Unix datagram
 * channel. Addresses starting with {@code @} are Linux abstract names, as systemd writes them in
 * {@code NOTIFY_SOCKET}.
 */
final class UnixDatagram {

    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 02000000;
    /** {@code sizeof(sun_path)} on Linux. */
    static final int SUN_PATH_MAX = 108;

    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrlen) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private UnixDatagram() {}

    /**
     * A {@code struct sockaddr_un} for {@code address} and its length: a file path, or
     * {@code @name} for the abstract name (a leading NUL byte, no trailing one).
     */
    static byte[] sockaddr(String address) throws IOException {
        boolean abstractName = address.startsWith("@");
        byte[] path = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        int pathBytes = abstractName ? path.length + 1 : path.length + 1; // leading or trailing NUL
        if (path.length == 0 || pathBytes > SUN_PATH_MAX) {
            throw new IOException("socket address '" + address + "' must be 1 to " + (SUN_PATH_MAX - 1) + " bytes long");
        }
        ByteBuffer buf = ByteBuffer.allocate(2 + pathBytes).order(ByteOrder.nativeOrder());
        buf.putShort((short) AF_UNIX);
        if (abstractName) {
            buf.put((byte) 0).put(path);
        } else {
            buf.put(path).put((byte) 0);
        }
        return buf.array();
    }

    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;

    /** Sends {@code message} as one datagram to {@code address}. */
    static void send(String address, String message) throws IOException {
        byte[] addr = sockaddr(address);
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        LibC libc = Holder.LIBC;
        int fd;
        try {
            fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a Unix datagram socket: errno " + e.getErrorCode(), e);
        }
        try {
            // Never block the daemon on a receiver that does not read: a full queue is an error (EAGAIN).
            libc.sendto(fd, data, new NativeLong(data.length), MSG_DONTWAIT | MSG_NOSIGNAL, addr, addr.length);
        } catch (LastErrorException e) {
            throw new IOException("cannot send to " + address + ": errno " + e.getErrorCode(), e);
        } finally {
            libc.close(fd);
        }
    }
}
