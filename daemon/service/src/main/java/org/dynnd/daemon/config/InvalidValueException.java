package org.dynnd.daemon.config;

/**
 * Thrown by a configuration record's constructor when one of its values is not allowed. It
 * names only the record's own field; the loader adds the file, the position and the full key.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the YAML key inside its section, such as {@code period_ms}
     * @param problem what is wrong and what is allowed, such as {@code "0 is out of range; allowed: 10..60000"}
     */
    public InvalidValueException(String field, String problem) {
        super(problem);
        this.field = field;
    }

    /** The key inside its section. */
    public String field() {
        return field;
    }
}
