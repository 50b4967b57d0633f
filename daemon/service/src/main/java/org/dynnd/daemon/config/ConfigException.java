package org.dynnd.daemon.config;

/**
 * A configuration that cannot be used. The message is complete and meant for the operator:
 * the file, the line and column, the key, what is wrong and what is allowed.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
