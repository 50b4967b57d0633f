package org.dynnd.governor.actuate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reading and writing sysfs attribute files. The kernel reports a refused write through the
 * write's errno (EACCES, EBUSY, EINVAL); Java turns those into exceptions whose message is the
 * C library's text for the errno, which {@link #errnoOf} maps back. Tests replace this with an
 * implementation that injects failures a plain file cannot produce.
 */
public interface SysfsIo {

    /** The whole content of {@code path}. */
    String read(Path path) throws KnobException;

    /** Writes {@code value} to {@code path} as one write. */
    void write(Path path, String value) throws KnobException;

    /** The real file system. */
    SysfsIo FILES = new SysfsIo() {
        @Override
        public String read(Path path) throws KnobException {
            try {
                return Files.readString(path, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new KnobException(path.toString(), errnoOf(e), e.getMessage());
            }
        }

        @Override
        public void write(Path path, String value) throws KnobException {
            try {
                // No CREATE: a missing attribute is an error, never a new file.
                Files.writeString(path, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new KnobException(path.toString(), errnoOf(e), e.getMessage());
            }
        }
    };

    /** The errno behind an I/O exception of the JDK. */
    static Errno errnoOf(IOException e) {
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        String text = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : String.valueOf(e.getMessage());
        if (text.contains("Permission denied")) {
            return Errno.EACCES;
        }
        if (text.contains("Device or resource busy")) {
            return Errno.EBUSY;
        }
        if (text.contains("Invalid argument")) {
            return Errno.EINVAL;
        }
        if (text.contains("Operation not permitted")) {
            return Errno.EPERM;
        }
        return Errno.EIO;
    }
}
