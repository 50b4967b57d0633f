package org.dynnd.sensors.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the text attributes read once at discovery (names, labels, periods), where allocation does
 * not matter. The trailing newline every sysfs {@code show()} prints is removed.
 */
public final class SysfsText {
    private SysfsText() {}

    /** The attribute's text without its trailing newline, or empty when it cannot be read. */
    public static Optional<String> read(SysfsReader reader, Path file) {
        byte[] buffer = new byte[256];
        try {
            int n = reader.read(file, buffer);
            String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
            return Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code file} exists as a regular file (it may still be unreadable). */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
