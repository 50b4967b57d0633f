package org.dynnd.sensors.sysfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dynnd.sensors.Status;

/**
 * One numeric sysfs attribute read again and again with a reused buffer: reads, parses, and
 * classifies the outcome as a {@link Status} instead of throwing. A file longer than the buffer
 * is garbage: no attribute this module reads prints more than a few dozen bytes.
 */
public final class NumericFile {
    private final Path path;
    private final SysfsReader reader;
    private final int decimals;
    private final byte[] buffer = new byte[64];
    private long value;

    /**
     * @param path the attribute
     * @param reader how to read it
     * @param decimals how many fraction digits the format has: 6 for {@code "%d.%06d\n"}, 0 for
     *     {@code "%d\n"}; the value is returned multiplied by 10^decimals
     */
    public NumericFile(Path path, SysfsReader reader, int decimals) {
        this.path = path;
        this.reader = reader;
        this.decimals = decimals;
    }

    /** The attribute's path. */
    public Path path() {
        return path;
    }

    /**
     * Reads the file once. On {@link Status#OK} the number is available from {@link #value()};
     * negative numbers are {@link Status#NEGATIVE} (no attribute read here may be negative).
     */
    public Status read() {
        int n;
        try {
            n = reader.read(path, buffer);
        } catch (NoSuchFileException e) {
            return Status.MISSING;
        } catch (AccessDeniedException e) {
            return Status.PERMISSION_DENIED;
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: a reader must never take the sampler down with it.
            return Status.IO_ERROR;
        }
        if (n >= buffer.length) {
            return Status.GARBAGE;
        }
        long parsed = SysfsNumbers.parseScaled(buffer, n, decimals);
        if (parsed == SysfsNumbers.EMPTY) {
            return Status.EMPTY;
        }
        if (parsed == SysfsNumbers.GARBAGE) {
            return Status.GARBAGE;
        }
        if (parsed < 0) {
            return Status.NEGATIVE;
        }
        value = parsed;
        return Status.OK;
    }

    /** The last number read with {@link Status#OK}, times 10^decimals. */
    public long value() {
        return value;
    }
}
