package org.dynnd.daemon.server;

import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicLong;
import org.dynnd.daemon.access.PeerIdentity;

/** What the server knows about one connection. */
final class Session {

    static final AttributeKey<Session> KEY = AttributeKey.valueOf("dynnd.session");

    final long clientId;
    final PeerIdentity peer;
    /** Set on the event loop, read by the telemetry thread. */
    volatile boolean subscribed;
    /** Events not sent because the client was not reading; reported with the next event sent. */
    final AtomicLong droppedEvents = new AtomicLong();

    /** Set on the event loop when the client has closed its sending side. */
    volatile boolean inputClosed;

    /** Whether events may be sent: not to a client that has stopped sending (it waits for its replies only). */
    boolean eventsWanted() {
        return !inputClosed;
    }

    Session(long clientId, PeerIdentity peer) {
        this.clientId = clientId;
        this.peer = peer;
    }
}
