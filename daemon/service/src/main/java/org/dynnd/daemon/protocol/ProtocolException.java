package org.dynnd.daemon.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** A request the server answers with an error; the message is sent to the client as it is. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient JsonNode id;
    private final ErrorCode code;

    public ProtocolException(JsonNode id, ErrorCode code, String message) {
        super(message);
        this.id = id == null ? NullNode.getInstance() : id;
        this.code = code;
    }

    /** The request's id, or JSON null when it had none or could not be read. */
    public JsonNode id() {
        return id;
    }

    public ErrorCode code() {
        return code;
    }
}
