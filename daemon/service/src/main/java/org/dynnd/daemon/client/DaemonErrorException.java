package org.dynnd.daemon.client;

/** The daemon answered a request with an error. */
public final class DaemonErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public DaemonErrorException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The protocol's error code, such as {@code access_denied}. */
    public String code() {
        return code;
    }
}
