package org.dynnd.daemon.server;

import io.netty.channel.Channel;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.budget.Lease;
import org.dynnd.daemon.protocol.Replies;

/**
 * Tells lease holders that another client's change made their budget met or unmet. An event
 * carries only what concerns its holder (its lease, {@code met}, the effective budget and the
 * point), so it is small however many leases there are; and like telemetry it goes through
 * backpressure: a holder whose unsent data is above the high-water mark (it is not reading) gets
 * no event queued, and the next event it gets counts the ones it missed.
 */
final class LeaseEvents {

    private final Clients clients;

    LeaseEvents(Clients clients) {
        this.clients = clients;
    }

    /** After a round that changed the leases of {@code requesters} (who get replies instead). */
    void publish(Arbitration before, Arbitration after, Collection<Long> requesters) {
        Set<Long> skip = new HashSet<>(requesters);
        Map<Long, Lease> leases = null;
        com.fasterxml.jackson.databind.node.ObjectNode outcome = null;
        for (Map.Entry<Long, Boolean> met : after.met().entrySet()) {
            long clientId = met.getKey();
            Boolean was = before.met().get(clientId);
            if (skip.contains(clientId) || was == null || was.equals(met.getValue())) {
                continue;
            }
            Channel channel = clients.get(clientId);
            Session session = channel == null ? null : channel.attr(Session.KEY).get();
            if (session == null || !session.eventsWanted()) {
                continue;
            }
            if (!channel.isWritable()) {
                session.droppedEvents.incrementAndGet();
                continue;
            }
            if (leases == null) {
                outcome = Replies.outcome(after);
                leases = new HashMap<>();
                for (Lease l : after.sources()) {
                    leases.put(l.clientId(), l);
                }
                for (Lease l : after.overridden()) {
                    leases.put(l.clientId(), l);
                }
            }
            Lease own = leases.get(clientId);
            channel.writeAndFlush(Replies.leaseEvent(after, outcome, own, session.droppedEvents.getAndSet(0)));
        }
    }
}
