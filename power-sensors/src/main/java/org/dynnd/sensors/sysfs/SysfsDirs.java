package org.dynnd.sensors.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Lists sysfs folders for discovery, in name order, reporting rather than throwing. */
public final class SysfsDirs {
    private SysfsDirs() {}

    /**
     * The entries of {@code dir} matching {@code glob} that are folders (symbolic links to folders
     * included, as in {@code /sys/class}), sorted by name; empty when {@code dir} does not exist.
     */
    public static List<Path> list(Path dir, String glob, Consumer<String> problems) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            for (Path p : stream) {
                if (Files.isDirectory(p)) {
                    entries.add(p);
                }
            }
        } catch (IOException e) {
            problems.accept(dir + ": cannot list: " + e.getMessage());
        }
        entries.sort(null);
        return entries;
    }
}
