package org.dynnd.sensors;

/**
 * The outcome of reading one rail once. Only {@link #OK} and {@link #WRAPPED} carry a value a
 * consumer may use; every other status is a fault with its reason, so a gap is never mistaken for
 * a reading of zero.
 */
public enum Status {
    /** A valid reading. */
    OK(true, "ok"),
    /** A valid counter reading; the counter wrapped since the last one and was unwrapped. */
    WRAPPED(true, "counter wrapped (unwrapped with max_energy_range_uj)"),
    /** Nothing sampled yet. */
    NOT_READ(false, "not read yet"),
    /** The file or device does not exist (any more). */
    MISSING(false, "file is missing"),
    /** The file exists but reading it failed (EIO, EAGAIN, a directory in place of a file...). */
    IO_ERROR(false, "read failed (I/O error)"),
    /** The file is readable by root only, or a permission check failed. */
    PERMISSION_DENIED(false, "permission denied"),
    /** The file read zero bytes (or only white space). */
    EMPTY(false, "file is empty"),
    /** The file holds text that is not a number in the expected format. */
    GARBAGE(false, "not a number in the expected format"),
    /** A negative power or counter value. */
    NEGATIVE(false, "negative value"),
    /** A value beyond what the rail can physically draw. */
    ABSURD(false, "value beyond the plausible range"),
    /** A cumulative counter decreased by more than a wrap can explain; the counter was re-anchored. */
    COUNTER_BACKWARDS(false, "counter went backwards"),
    /** The driver reports the sensor switched off (INA231 enable = 0). */
    DISABLED(false, "sensor is disabled"),
    /** A kernel driver owns the I2C device (EBUSY). */
    BUSY(false, "device busy (a kernel driver owns it)"),
    /** The sensor threw where it must not; the sampler caught it. */
    INTERNAL_ERROR(false, "sensor failed unexpectedly");

    private final boolean valid;
    private final String reason;

    Status(boolean valid, String reason) {
        this.valid = valid;
        this.reason = reason;
    }

    /** Whether the reading carries a usable value. */
    public boolean valid() {
        return valid;
    }

    /** A short explanation for people. */
    public String reason() {
        return reason;
    }
}
