package org.dynnd.daemon.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;

/** A Unix datagram socket bound to an address, standing in for systemd's notify socket. */
final class DatagramReceiver implements AutoCloseable {

    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

        int setsockopt(int fd, int level, int name, long[] value, int len) throws LastErrorException;

        NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final LibC LIBC = Native.load("c", LibC.class);
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;

    private final int fd;

    DatagramReceiver(String address) throws Exception {
        fd = LIBC.socket(UnixDatagram.AF_UNIX, UnixDatagram.SOCK_DGRAM, 0);
        byte[] addr = UnixDatagram.sockaddr(address);
        LIBC.bind(fd, addr, addr.length);
        LIBC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, new long[] {10, 0}, 16); // struct timeval: 10 s
    }

    /** The next datagram's text; fails after 10 s without one. */
    String receive() {
        byte[] buf = new byte[4096];
        int n = LIBC.recv(fd, buf, new NativeLong(buf.length), 0).intValue();
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        LIBC.close(fd);
    }
}
