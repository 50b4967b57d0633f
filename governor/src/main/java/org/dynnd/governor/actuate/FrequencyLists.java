package org.dynnd.governor.actuate;

import java.nio.file.Path;
import java.util.Arrays;

/** Parsing of the space-separated number lists sysfs prints (with the kernel's trailing space). */
final class FrequencyLists {

    private FrequencyLists() {}

    /** The numbers of {@code text} read from {@code path}, ascending, each divided by {@code divisor}. */
    static long[] parse(Path path, String text, long divisor) throws KnobException {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new KnobException(path.toString(), Errno.EINVAL, "empty frequency list");
        }
        String[] parts = trimmed.split("\\s+");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Long.parseLong(parts[i]) / divisor;
            } catch (NumberFormatException e) {
                throw new KnobException(path.toString(), Errno.EINVAL, "not a frequency: '" + parts[i] + "'");
            }
        }
        // Vendor kernels list frequencies descending; the governor works ascending.
        Arrays.sort(values);
        return values;
    }

    /**
     * {@code min}, {@code max} and up to {@code most - 2} frequencies between them, evenly spaced
     * and rounded to 100 MHz (kHz in, kHz out, ascending, no repeats).
     */
    static long[] ladder(long minKHz, long maxKHz, int most) {
        if (maxKHz <= minKHz) {
            return new long[] {minKHz};
        }
        java.util.TreeSet<Long> steps = new java.util.TreeSet<>(java.util.List.of(minKHz, maxKHz));
        long step = 100_000;
        long span = maxKHz - minKHz;
        for (int i = 1; i < most - 1; i++) {
            long f = Math.round((minKHz + span * i / (double) (most - 1)) / step) * step;
            if (f > minKHz && f < maxKHz) {
                steps.add(f);
            }
        }
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    static long parseOne(Path path, String text) throws KnobException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new KnobException(path.toString(), Errno.EINVAL, "not a number: '" + text.strip() + "'");
        }
    }

    static void requireAvailable(long[] available, long value, String what) {
        if (Arrays.binarySearch(available, value) < 0) {
            throw new IllegalArgumentException(value + " kHz is not an available frequency of " + what + "; available: "
                    + Arrays.toString(available));
        }
    }

    /**
     * Writes a minimum and a maximum limit so that the kernel never sees min above max (it
     * refuses that with EINVAL): the maximum first when the new minimum is above the current
     * maximum, else the minimum first.
     */
    static void writeMinMax(SysfsIo io, Path minFile, Path maxFile, String min, String max) throws KnobException {
        long currentMax = parseOne(maxFile, io.read(maxFile));
        if (parseOne(minFile, min) > currentMax) {
            io.write(maxFile, max);
            io.write(minFile, min);
        } else {
            io.write(minFile, min);
            io.write(maxFile, max);
        }
    }
}
