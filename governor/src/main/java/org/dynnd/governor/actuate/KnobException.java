package org.dynnd.governor.actuate;

/** A knob could not be read or moved: where (a sysfs path or a thread), and the errno. */
public final class KnobException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final Errno errno;

    public KnobException(String where, Errno errno, String detail) {
        super(where + ": " + errno + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
        this.where = where;
        this.errno = errno;
    }

    /** The path or thread the operation was on. */
    public String where() {
        return where;
    }

    public Errno errno() {
        return errno;
    }
}
