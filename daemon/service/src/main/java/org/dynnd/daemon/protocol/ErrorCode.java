package org.dynnd.daemon.protocol;

/** Every error code of the protocol; {@code docs/protocol.md} explains each one. */
public enum ErrorCode {
    /** The line was longer than the server's limit; it was discarded up to its newline. */
    LINE_TOO_LONG("line_too_long"),
    /** The line is not one JSON value (or has a duplicate key, or is not UTF-8). */
    MALFORMED_JSON("malformed_json"),
    /** The JSON is not an object, or lacks {@code op}. */
    INVALID_REQUEST("invalid_request"),
    /** {@code op} names no operation. */
    UNKNOWN_OP("unknown_op"),
    /** A field the op does not take (often a misspelling). */
    UNKNOWN_FIELD("unknown_field"),
    /** A field has the wrong JSON type. */
    WRONG_TYPE("wrong_type"),
    /** A field's value is out of range: negative, NaN, infinite, absurd, or an unknown name. */
    INVALID_VALUE("invalid_value"),
    /** The peer's user may not use this op. */
    ACCESS_DENIED("access_denied"),
    /** The inference queue is full; try again later. */
    BUSY("busy"),
    /** The image could not be decoded or does not fit the model. */
    BAD_IMAGE("bad_image"),
    /** The inference engine failed on a valid image. */
    INFERENCE_FAILED("inference_failed"),
    /** The server already serves its maximum number of connections; the connection is closed. */
    TOO_MANY_CLIENTS("too_many_clients"),
    /** The daemon is stopping and takes no new work. */
    SHUTTING_DOWN("shutting_down"),
    /** A fault of the daemon itself; the log has the details. */
    INTERNAL_ERROR("internal_error"),
    /**
     * The daemon, started by a connection to systemd's socket, refused to start (the message says
     * why: a configuration error, no supported board, another daemon on the board).
     */
    NOT_STARTED("not_started");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code on the wire. */
    public String wireName() {
        return wire;
    }
}
