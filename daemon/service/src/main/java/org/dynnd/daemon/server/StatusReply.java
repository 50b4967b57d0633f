package org.dynnd.daemon.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.budget.Lease;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.service.TelemetrySample;

/** The result of {@code status}: the bounded arbitration, the caller's own lease, the latest telemetry, counts. */
final class StatusReply {

    private StatusReply() {}

    static ObjectNode of(Arbitration a, Optional<Lease> own, Optional<TelemetrySample> latest, int samplesKept, int clients) {
        ObjectNode n = Replies.arbitration(a);
        if (own.isPresent()) {
            n.set("yours", Replies.lease(own.get(), a.isMet(own.get().clientId())));
        } else {
            n.putNull("yours");
        }
        if (latest.isPresent()) {
            n.set("telemetry", Replies.sample(latest.get()));
            n.put("degraded", !latest.get().degraded().isEmpty());
        } else {
            n.putNull("telemetry");
            n.put("degraded", false);
        }
        n.put("samples_kept", samplesKept);
        n.put("clients", clients);
        return n;
    }
}
