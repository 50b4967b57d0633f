package org.dynnd.daemon.systemd;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sd_notify} protocol of a {@code Type=notify} service: newline-separated
 * {@code KEY=value} assignments sent as one datagram to {@code $NOTIFY_SOCKET}. Without that
 * variable (not started by systemd) every call does nothing.
 */
public final class SdNotify {

    private final Optional<String> socket;

    /** @param socket the value of {@code NOTIFY_SOCKET}: a path or an {@code @abstract} name */
    public SdNotify(Optional<String> socket) {
        this.socket = socket.filter(s -> !s.isEmpty());
    }

    /** From {@code NOTIFY_SOCKET} in {@code environment}. */
    public static SdNotify fromEnvironment(Map<String, String> environment) {
        return new SdNotify(Optional.ofNullable(environment.get("NOTIFY_SOCKET")));
    }

    /** Whether a service manager listens. */
    public boolean enabled() {
        return socket.isPresent();
    }

    /** Sends {@code state} as it is, such as {@code "READY=1\nSTATUS=serving"}. */
    public void send(String state) throws IOException {
        if (socket.isPresent()) {
            UnixDatagram.send(socket.get(), state);
        }
    }

    /** Start-up is complete; {@code status} is shown by {@code systemctl status}. */
    public void ready(String status) throws IOException {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    /** A new status line, such as the current operating point. */
    public void status(String status) throws IOException {
        send("STATUS=" + oneLine(status));
    }

    /** The service is stopping. */
    public void stopping() throws IOException {
        send("STOPPING=1");
    }

    /** The service is alive and healthy (feeds {@code WatchdogSec=}). */
    public void watchdog() throws IOException {
        send("WATCHDOG=1");
    }

    /**
     * The service is reloading its configuration. {@code monotonicMicros} is {@code CLOCK_MONOTONIC}
     * now, in microseconds: sd_notify(3) requires it with {@code RELOADING=1} (systemd 253's
     * {@code Type=notify-reload} matches it against the reload it asked for; older ones ignore it).
     */
    public void reloading(long monotonicMicros) throws IOException {
        send("RELOADING=1\nMONOTONIC_USEC=" + monotonicMicros);
    }

    /** The reload is over (applied or refused): ready again, with the status line. */
    public void reloaded(String status) throws IOException {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    // A newline would start a new assignment and let a status text forge one.
    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }
}
