package org.dynnd.sensors.sysfs;

/**
 * Parses the numbers sysfs prints, straight from bytes so that sampling allocates nothing:
 * {@code "%d\n"} (hwmon, IIO, powercap) and {@code "%d.%06d\n"} (the INA231 vendor driver).
 */
public final class SysfsNumbers {

    /** Returned by {@link #parseScaled} for text that is not a number in the expected format. */
    public static final long GARBAGE = Long.MIN_VALUE;
    /** Returned by {@link #parseScaled} when the text holds nothing but white space. */
    public static final long EMPTY = Long.MIN_VALUE + 1;

    private SysfsNumbers() {}

    /**
     * Parses an optionally signed decimal with at most {@code decimals} fraction digits, followed
     * only by white space, and returns it multiplied by 10^decimals: {@code "0.518144\n"} with 6
     * decimals gives 518144. Returns {@link #EMPTY} or {@link #GARBAGE} instead of throwing.
     */
    public static long parseScaled(byte[] bytes, int length, int decimals) {
        int i = 0;
        while (i < length && isSpace(bytes[i])) {
            i++;
        }
        if (i == length) {
            return EMPTY;
        }
        boolean negative = false;
        if (bytes[i] == '-' || bytes[i] == '+') {
            negative = bytes[i] == '-';
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < length && isDigit(bytes[i])) {
            if (value > (Long.MAX_VALUE - 9) / 10) {
                return GARBAGE;
            }
            value = value * 10 + (bytes[i] - '0');
            digits++;
            i++;
        }
        int fraction = 0;
        if (i < length && bytes[i] == '.' && decimals > 0) {
            i++;
            while (i < length && isDigit(bytes[i])) {
                if (fraction == decimals) {
                    return GARBAGE;
                }
                value = value * 10 + (bytes[i] - '0');
                fraction++;
                i++;
            }
            if (fraction == 0) {
                return GARBAGE;
            }
        }
        if (digits == 0) {
            return GARBAGE;
        }
        for (; fraction < decimals; fraction++) {
            value *= 10;
        }
        while (i < length && isSpace(bytes[i])) {
            i++;
        }
        if (i != length) {
            return GARBAGE;
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == 0;
    }
}
