package org.dynnd.daemon.client;

import java.io.IOException;

/** No daemon could be reached at the socket; the message says why and what to check. */
public final class DaemonUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public DaemonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
