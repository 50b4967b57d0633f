package org.dynnd.daemon.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.budget.Budget;
import org.dynnd.daemon.budget.Lease;
import org.dynnd.daemon.service.InferenceResult;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.Prediction;
import org.dynnd.daemon.telemetry.TelemetrySample;

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

    public static ObjectNode budget(Budget b) {
        ObjectNode n = F.objectNode();
        putNullable(n, "latency_ms", b.latencyMs());
        putNullable(n, "energy_mj", b.energyMj());
        putNullable(n, "power_w", b.powerW());
        putNullable(n, "min_accuracy", b.minAccuracy());
        n.put("objective", b.objective().wireName());
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

    /** The effective budget, the decision, and every lease with whether it is met. */
    public static ObjectNode arbitration(Arbitration a) {
        ObjectNode n = F.objectNode();
        n.set("effective", budget(a.effective()));
        n.put("feasible", a.decision().feasible());
        n.set("op", op(a.decision().op()));
        n.set("predicted", prediction(a.decision().predicted()));
        ArrayNode sources = n.putArray("sources");
        a.sources().forEach(l -> sources.add(lease(l, a.isMet(l.clientId()))));
        ArrayNode overridden = n.putArray("overridden");
        a.overridden().forEach(l -> overridden.add(lease(l, a.isMet(l.clientId()))));
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
