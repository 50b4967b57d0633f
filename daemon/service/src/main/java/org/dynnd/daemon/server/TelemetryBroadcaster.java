package org.dynnd.daemon.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.service.TelemetrySample;

/**
 * Sends each telemetry sample to the subscribers. A subscriber whose unsent data is above the
 * high-water mark (it is not reading) misses the event instead of making the server buffer it;
 * the next event it gets says how many it missed.
 */
final class TelemetryBroadcaster {

    private final Clients clients;
    private final BudgetDesk budgets;

    TelemetryBroadcaster(Clients clients, BudgetDesk budgets) {
        this.clients = clients;
        this.budgets = budgets;
    }

    void broadcast(TelemetrySample sample) {
        Arbitration a = budgets.current();
        ObjectNode event = Replies.event("telemetry");
        event.set("sample", Replies.sample(sample));
        event.set("effective", Replies.budget(a.effective()));
        event.put("feasible", a.decision().feasible());
        for (Channel channel : clients.all()) {
            Session session = channel.attr(Session.KEY).get();
            if (session == null || !session.subscribed || !session.eventsWanted()) {
                continue;
            }
            if (!channel.isWritable()) {
                session.droppedEvents.incrementAndGet();
                continue;
            }
            ObjectNode own = event.deepCopy();
            own.put("dropped", session.droppedEvents.getAndSet(0));
            if (a.met().containsKey(session.clientId)) {
                own.put("met", a.isMet(session.clientId));
            } else {
                own.putNull("met");
            }
            channel.writeAndFlush(own);
        }
    }
}
