package org.dynnd.daemon.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.budget.Lease;
import org.dynnd.daemon.service.InferenceResult;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.Prediction;
import org.dynnd.daemon.service.TelemetrySample;

/**
 * The JSON shapes the server sends: replies, errors, events and the values inside them. Unknown
 * measurements ({@code NaN}) are sent as JSON {@code null}, since JSON has no NaN.
 */
public final class Replies {

    /** The protocol version this server speaks; {@code hello} reports it. */
    public static final int PROTOCOL_VERSION = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Replies() {}

    /** {@code {"id":…,"ok":true,"result":…}}. */
    public static ObjectNode ok(JsonNode id, JsonNode result) {
        ObjectNode reply = F.objectNode();
        reply.set("id", id);
        reply.put("ok", true);
        reply.set("result", result);
        return reply;
    }

    /** {@code {"id":…,"ok":false,"error":{"code":…,"message":…}}}. */
    public static ObjectNode error(JsonNode id, ErrorCode code, String message) {
        ObjectNode reply = F.objectNode();
        reply.set("id", id == null ? F.nullNode() : id);
        reply.put("ok", false);
        ObjectNode error = reply.putObject("error");
        error.put("code", code.wireName());
        error.put("message", message);
        return reply;
    }

    /** The error reply for {@code e}. */
    public static ObjectNode error(ProtocolException e) {
        return error(e.id(), e.code(), e.getMessage());
    }

    /** {@code {"event":name, …body}}: events carry no id. */
    public static ObjectNode event(String name) {
        ObjectNode event = F.objectNode();
        event.put("event", name);
        return event;
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static ArrayNode array() {
        return F.arrayNode();
    }

    public static ObjectNode op(OperatingPointInfo op) {
        ObjectNode n = F.objectNode();
        n.put("groups", op.groups());
        n.put("unit", op.unit());
        n.put("frequency_khz", op.frequencyKhz());
        if (op.secondFrequencyKhz() != 0) {
            n.put("second_frequency_khz", op.secondFrequencyKhz());
        }
        n.put("label", op.label());
        return n;
    }

    public static ObjectNode budget(ClientBudget b) {
        ObjectNode n = F.objectNode();
        putNullable(n, "latency_ms", b.latencyMs());
        putNullable(n, "energy_mj", b.energyMj());
        putNullable(n, "power_w", b.powerW());
        putNullable(n, "min_accuracy", b.minAccuracy());
        n.put("objective", b.objective().label());
        return n;
    }

    public static ObjectNode prediction(Prediction p) {
        ObjectNode n = F.objectNode();
        put(n, "latency_ms", p.latencyMs());
        put(n, "energy_mj", p.energyMj());
        put(n, "power_w", p.powerW());
        put(n, "accuracy", p.accuracy());
        return n;
    }

    public static ObjectNode lease(Lease lease, boolean met) {
        ObjectNode n = budget(lease.budget());
        n.put("client", lease.clientId());
        n.put("uid", lease.uid());
        n.put("priority", lease.priority());
        n.put("met", met);
        return n;
    }

    /** Leases listed in {@code sources} at most; the rest are counted in {@code sources_more}. */
    public static final int LISTED_SOURCES = 6;
    /** Leases listed in {@code overridden} at most; the rest are counted in {@code overridden_more}. */
    public static final int LISTED_OVERRIDDEN = 3;
    /** Leases in one page of the {@code leases} op at most. */
    public static final int LEASES_PAGE = 12;

    /** The effective budget and the decision for it, without any lease. */
    public static ObjectNode outcome(Arbitration a) {
        ObjectNode n = F.objectNode();
        n.set("effective", budget(a.effective()));
        n.put("feasible", a.decision().feasible());
        n.set("op", op(a.decision().op()));
        n.set("predicted", prediction(a.decision().predicted()));
        return n;
    }

    /**
     * The outcome, the first {@link #LISTED_SOURCES} leases that shaped the effective budget and
     * the first {@link #LISTED_OVERRIDDEN} overridden ones (highest priority first), with how
     * many more of each there are and how many leases are held: bounded in size however many
     * clients hold leases (the {@code leases} op lists them all, page by page).
     */
    public static ObjectNode arbitration(Arbitration a) {
        ObjectNode n = outcome(a);
        listed(n, "sources", a.sources(), LISTED_SOURCES, a);
        listed(n, "overridden", a.overridden(), LISTED_OVERRIDDEN, a);
        n.put("leases", a.sources().size() + a.overridden().size());
        return n;
    }

    private static void listed(ObjectNode n, String field, java.util.List<Lease> leases, int most, Arbitration a) {
        ArrayNode list = n.putArray(field);
        leases.stream().limit(most).forEach(l -> list.add(lease(l, a.isMet(l.clientId()))));
        n.put(field + "_more", Math.max(0, leases.size() - most));
    }

    /**
     * The {@code lease} event for {@code own}'s holder: whether it is met now, the lease itself,
     * and the outcome ({@link #outcome}, shared by the events of one round and never changed);
     * nothing about other leases.
     */
    public static ObjectNode leaseEvent(Arbitration a, ObjectNode outcome, Lease own, long dropped) {
        ObjectNode n = event("lease");
        n.put("met", a.isMet(own.clientId()));
        n.set("yours", lease(own, a.isMet(own.clientId())));
        n.setAll(outcome);
        n.put("dropped", dropped);
        return n;
    }

    /**
     * One page of every lease in the order of arbitration (sources first, then overridden ones),
     * from {@code offset}, at most {@code limit} (itself at most {@link #LEASES_PAGE}).
     */
    public static ObjectNode leasesPage(Arbitration a, int offset, int limit) {
        ObjectNode n = F.objectNode();
        int sources = a.sources().size();
        int total = sources + a.overridden().size();
        n.put("total", total);
        n.put("offset", offset);
        ArrayNode list = n.putArray("leases");
        int end = (int) Math.min(total, (long) offset + Math.min(limit, LEASES_PAGE));
        for (int i = offset; i < end; i++) {
            boolean source = i < sources;
            Lease l = source ? a.sources().get(i) : a.overridden().get(i - sources);
            list.add(lease(l, a.isMet(l.clientId())).put("overridden", !source));
        }
        if (end < total) {
            n.put("next_offset", end);
        } else {
            n.putNull("next_offset");
        }
        return n;
    }

    public static ObjectNode inference(InferenceResult r) {
        ObjectNode n = F.objectNode();
        n.put("class", r.classIndex());
        n.put("label", r.label());
        n.set("op", op(r.op()));
        put(n, "latency_ms", r.latencyMs());
        put(n, "energy_mj", r.energyMj());
        return n;
    }

    public static ObjectNode sample(TelemetrySample s) {
        ObjectNode n = F.objectNode();
        n.put("time_ms", s.timeMillis());
        n.set("op", op(s.op()));
        n.put("inferences", s.inferences());
        put(n, "latency_p50_ms", s.latencyP50Ms());
        put(n, "latency_p95_ms", s.latencyP95Ms());
        put(n, "power_w", s.totalPowerW());
        ObjectNode rails = n.putObject("rails_w");
        for (Map.Entry<String, Double> rail : new TreeMap<>(s.railPowerW()).entrySet()) {
            put(rails, rail.getKey(), rail.getValue());
        }
        put(n, "energy_per_inference_mj", s.energyPerInferenceMj());
        put(n, "accuracy", s.accuracy());
        n.put("violations", s.violations());
        ArrayNode degraded = n.putArray("degraded");
        s.degraded().forEach(degraded::add);
        return n;
    }

    private static void putNullable(ObjectNode n, String field, Double value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static void put(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, value);
        } else {
            n.putNull(field);
        }
    }
}
