package org.dynnd.models.bundle;

/** A model bundle that is missing, malformed, or whose manifest does not match its parameters. */
public final class BundleException extends Exception {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
