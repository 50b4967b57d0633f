package org.dynnd.governor.actuate;

/** The error numbers an actuator reports, with their Linux values. */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EIO(5), EACCES(13), EBUSY(16), EINVAL(22);

    private final int value;

    Errno(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The errno of a Linux error number; unknown numbers read as EIO. */
    public static Errno of(int value) {
        for (Errno e : values()) {
            if (e.value == value) {
                return e;
            }
        }
        return EIO;
    }
}
