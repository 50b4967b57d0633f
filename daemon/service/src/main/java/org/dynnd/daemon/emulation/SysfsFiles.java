package org.dynnd.daemon.emulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the files of an emulated sysfs tree. A real sysfs read returns the whole value at once;
 * here a value is replaced by a rename, so a reader never sees half a number.
 */
final class SysfsFiles {

    private SysfsFiles() {}

    /** Creates or replaces {@code file} with {@code text} and the permission {@code mode} ("0444"). */
    static void write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(rwx(mode)));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Replaces the value of an existing file, keeping its permission. */
    static void update(Path file, String text) throws IOException {
        String mode = Files.exists(file) ? octal(file) : "0444";
        write(file, text, mode);
    }

    /** The file's content, or null when it is missing or unreadable (the daemon may be rewriting it). */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }

    /** A symbolic link {@code link} → {@code target} (relative), as sysfs has them. */
    static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, link.getParent().relativize(target));
    }

    private static String rwx(String octal) {
        StringBuilder s = new StringBuilder();
        for (int i = octal.length() - 3; i < octal.length(); i++) {
            int d = octal.charAt(i) - '0';
            s.append((d & 4) != 0 ? 'r' : '-').append((d & 2) != 0 ? 'w' : '-').append((d & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    private static String octal(Path file) throws IOException {
        String p = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        StringBuilder s = new StringBuilder("0");
        for (int i = 0; i < 9; i += 3) {
            int d = (p.charAt(i) == 'r' ? 4 : 0) + (p.charAt(i + 1) == 'w' ? 2 : 0) + (p.charAt(i + 2) == 'x' ? 1 : 0);
            s.append(d);
        }
        return s.toString();
    }
}
