package org.dynnd.sensors.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the bytes of one small file (a sysfs attribute) into a caller's buffer, and writes the
 * rare attribute that must be set. The one seam between the sensors and the file system: tests
 * substitute failures a temporary folder cannot produce (EIO from a driver, EACCES when running
 * as root).
 */
@FunctionalInterface
public interface SysfsReader {

    /**
     * Reads up to {@code buffer.length} bytes from the start of {@code file}.
     *
     * @return the number of bytes read, 0 for an empty file
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws java.nio.file.AccessDeniedException when the file may not be read
     * @throws IOException on any other failure
     */
    int read(Path file, byte[] buffer) throws IOException;

    /**
     * Writes {@code text} to an attribute, as {@code echo} would (used once at discovery, to enable
     * an INA231).
     */
    default void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** The real file system. */
    static SysfsReader files() {
        return FileChannelReader.INSTANCE;
    }
}
