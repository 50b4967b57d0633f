package org.dynnd.daemon.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.dynnd.daemon.service.ClientBudget;

/** One validated request: its id and what it asks. */
public sealed interface Request {

    /** The request's id as the client sent it (a string, a number, or JSON null). */
    JsonNode id();

    /** The op this request is. */
    Op op();

    /** {@code hello}. */
    record Hello(JsonNode id) implements Request {
        public Op op() {
            return Op.HELLO;
        }
    }

    /** {@code budget}: set or replace this connection's lease. */
    record SetBudget(JsonNode id, ClientBudget budget, int priority) implements Request {
        public Op op() {
            return Op.BUDGET;
        }
    }

    /** {@code release}: drop this connection's lease. */
    record Release(JsonNode id) implements Request {
        public Op op() {
            return Op.RELEASE;
        }
    }

    /** {@code infer}: the image still in base64; it is decoded off the event loop. */
    record Infer(JsonNode id, String imageBase64) implements Request {
        public Op op() {
            return Op.INFER;
        }
    }

    /** {@code status}. */
    record Status(JsonNode id) implements Request {
        public Op op() {
            return Op.STATUS;
        }
    }

    /** {@code subscribe}: a telemetry event every control period. */
    record Subscribe(JsonNode id) implements Request {
        public Op op() {
            return Op.SUBSCRIBE;
        }
    }

    /** {@code unsubscribe}. */
    record Unsubscribe(JsonNode id) implements Request {
        public Op op() {
            return Op.UNSUBSCRIBE;
        }
    }

    /** {@code leases}: one page of every lease, from {@code offset}, at most {@code limit}. */
    record Leases(JsonNode id, int offset, int limit) implements Request {
        public Op op() {
            return Op.LEASES;
        }
    }
}
