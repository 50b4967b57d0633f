package org.dynnd.daemon.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the original contents of every sysfs file the daemon changes, in a small JSON file
 * under the runtime directory, so the hardware can be put back as it was: on an orderly stop,
 * and on the next start when the daemon died without one.
 *
 * <p>The actuators call {@link #rememberBeforeWrite} before each write; the first call for a file
 * reads its current contents and saves the state file (atomically) before returning, so the
 * original is on disk before the first change reaches the hardware.
 *
 * <p>The file: {@code {"version":1,"pid":…,"sysfs_root":"/","files":{"/sys/…/scaling_max_freq":"1800000\n",…}}},
 * paths as seen under the sysfs root, contents as read.
 */
public final class HardwareStateFile {

    private static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final Path sysfsRoot;
    private final long pid;
    private final Map<String, String> originals = new LinkedHashMap<>();

    /**
     * @param file the state file, such as {@code /run/dynnd/hardware-state.json}
     * @param sysfsRoot the root the sysfs paths are resolved under ({@code /} on a real board)
     * @param pid this process's id, recorded for the log of a later restore
     */
    public HardwareStateFile(Path file, Path sysfsRoot, long pid) {
        this.file = file;
        this.sysfsRoot = sysfsRoot;
        this.pid = pid;
    }

    /** The state file's path. */
    public Path file() {
        return file;
    }

    /**
     * Records the current contents of {@code sysfsPath} (absolute, such as
     * {@code /sys/devices/system/cpu/cpufreq/policy0/scaling_governor}) unless already recorded,
     * and saves the state file. Call before every write to that file.
     */
    public synchronized void rememberBeforeWrite(String sysfsPath) throws IOException {
        if (originals.containsKey(sysfsPath)) {
            return;
        }
        String original = Files.readString(resolve(sysfsRoot, sysfsPath), StandardCharsets.UTF_8);
        originals.put(sysfsPath, original);
        try {
            save();
        } catch (IOException e) {
            originals.remove(sysfsPath); // not on disk: the caller must not write the file
            throw e;
        }
    }

    /** The originals recorded so far, in the order they were recorded. */
    public synchronized Map<String, String> originals() {
        return Map.copyOf(originals);
    }

    /** Writes every original back and removes the state file; nothing recorded: nothing done. */
    public synchronized RestoreReport restore() throws IOException {
        RestoreReport report = writeBack(sysfsRoot, originals);
        originals.clear();
        Files.deleteIfExists(file);
        return report;
    }

    /**
     * On start: if {@code file} exists, a previous run died before restoring; restore what it
     * recorded (under the sysfs root it recorded) and remove it.
     *
     * @return the report, or empty when there was no such file
     * @throws IOException when the file cannot be read or is not a state file (it is then kept)
     */
    public static Optional<RestoreReport> restoreLeftover(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a readable hardware-state file (" + e.getMessage()
                    + "); check the hardware settings by hand and remove it", e);
        }
        if (root == null || root.path("version").asInt() != VERSION || !root.path("files").isObject()
                || !root.path("sysfs_root").isTextual()) {
            throw new IOException(file + " is not a version " + VERSION
                    + " hardware-state file (needs version, sysfs_root, files); check the hardware by hand and remove it");
        }
        Map<String, String> originals = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("files").properties()) {
            originals.put(e.getKey(), e.getValue().asText());
        }
        RestoreReport report = writeBack(Path.of(root.path("sysfs_root").asText()), originals);
        Files.delete(file);
        return Optional.of(report);
    }

    /**
     * Writes the originals back. Some files only take a value that fits the others (cpufreq's
     * minimum may not exceed its maximum), so the ones refused are tried again after the rest.
     */
    private static RestoreReport writeBack(Path root, Map<String, String> originals) {
        Map<String, String> left = new LinkedHashMap<>(originals);
        Map<String, String> errors = new LinkedHashMap<>();
        int restored = 0;
        for (int pass = 0; pass < 3 && !left.isEmpty(); pass++) {
            Iterator<Map.Entry<String, String>> it = left.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, String> e = it.next();
                try {
                    Files.writeString(resolve(root, e.getKey()), e.getValue(), StandardCharsets.UTF_8,
                            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    it.remove();
                    errors.remove(e.getKey());
                    restored++;
                } catch (IOException | RuntimeException ex) {
                    errors.put(e.getKey(), ex.toString());
                }
            }
        }
        List<String> failures = new ArrayList<>();
        errors.forEach((path, why) -> failures.add(path + ": " + why));
        return new RestoreReport(restored, failures);
    }

    private void save() throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("pid", pid);
        root.put("sysfs_root", sysfsRoot.toAbsolutePath().toString());
        ObjectNode files = root.putObject("files");
        originals.forEach(files::put);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path resolve(Path root, String sysfsPath) {
        if (!sysfsPath.startsWith("/") || sysfsPath.contains("/../") || sysfsPath.endsWith("/..")) {
            throw new IllegalArgumentException("sysfs path '" + sysfsPath + "' must be absolute and without '..'");
        }
        return root.resolve(sysfsPath.substring(1));
    }
}
