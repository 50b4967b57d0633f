package org.dynnd.governor.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;

/**
 * Profiles on disk, one CSV file per (board, model, model version), so that calibration runs
 * once per board and model. The format is plain text a person can read and diff:
 *
 * <pre>
 * # dynnd profile 1
 * # board=odroid-xu3
 * # model=grouped-alexnet
 * # version=1
 * k,unit,frequency_khz,latency_ms,busy_power_w,idle_power_w,accuracy_percent
 * 1,a7,200000,31.25,0.61,0.42,61.0
 * </pre>
 *
 * Numbers are written with {@link Double#toString} so that a load gives back the same bits.
 */
public final class ProfileCache {

    static final String MAGIC = "# dynnd profile 1";
    static final String HEADER = "k,unit,frequency_khz,latency_ms,busy_power_w,idle_power_w,accuracy_percent";

    private final Path directory;

    /** @param directory where cache files live (created on the first store) */
    public ProfileCache(Path directory) {
        this.directory = directory;
    }

    /** Thrown when a cache file exists but cannot be used; the message names the file and line. */
    public static final class ProfileCacheException extends IOException {
        private static final long serialVersionUID = 1L;

        ProfileCacheException(String message) {
            super(message);
        }
    }

    /** The file that holds the profile of this key. */
    public Path fileFor(String board, String model, String version) {
        return directory.resolve(safe(board) + "__" + safe(model) + "__" + safe(version) + ".csv");
    }

    private static String safe(String part) {
        if (part == null || part.isBlank()) {
            throw new IllegalArgumentException("profile cache key parts must not be blank");
        }
        return part.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Writes {@code profile} atomically (a temporary file renamed over the old one). */
    public Path store(String board, ModelProfile model, Profile profile) throws IOException {
        Files.createDirectories(directory);
        Path file = fileFor(board, model.name(), model.version());
        StringBuilder out = new StringBuilder();
        out.append(MAGIC).append('\n');
        out.append("# board=").append(board).append('\n');
        out.append("# model=").append(model.name()).append('\n');
        out.append("# version=").append(model.version()).append('\n');
        out.append(HEADER).append('\n');
        OpSpace space = profile.space();
        for (int i = 0; i < space.size(); i++) {
            OperatingPoint op = space.point(i);
            out.append(op.k()).append(',').append(space.unit(op.unit()).name()).append(',').append(op.frequencyKHz())
                    .append(',').append(profile.latencyMs(i)).append(',').append(profile.busyPowerW(i))
                    .append(',').append(profile.idlePowerW(i)).append(',').append(profile.accuracyPercent(i))
                    .append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Loads the profile of this key for {@code space}; empty when there is no cache file. A file
     * for another key, another OP space or with a malformed line is an error, not a miss.
     */
    public Optional<Profile> load(String board, ModelProfile model, OpSpace space) throws IOException {
        Path file = fileFor(board, model.name(), model.version());
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        expectLine(file, lines, 0, MAGIC);
        expectLine(file, lines, 1, "# board=" + board);
        expectLine(file, lines, 2, "# model=" + model.name());
        expectLine(file, lines, 3, "# version=" + model.version());
        expectLine(file, lines, 4, HEADER);
        int n = space.size();
        double[] latency = new double[n];
        double[] busy = new double[n];
        double[] idle = new double[n];
        double[] accuracy = new double[n];
        boolean[] seen = new boolean[n];
        List<String> rows = new ArrayList<>(lines.subList(5, lines.size()));
        for (int r = 0; r < rows.size(); r++) {
            int lineNo = r + 6;
            String row = rows.get(r).strip();
            if (row.isEmpty()) {
                continue;
            }
            String[] cells = row.split(",", -1);
            if (cells.length != 7) {
                throw new ProfileCacheException(file + ":" + lineNo + ": expected 7 comma-separated values, got "
                        + cells.length);
            }
            int unit = space.unitIndex(cells[1]);
            int op;
            try {
                op = unit < 0 ? -1 : space.indexOf(new OperatingPoint(Integer.parseInt(cells[0]), unit,
                        Long.parseLong(cells[2])));
                if (op >= 0) {
                    latency[op] = Double.parseDouble(cells[3]);
                    busy[op] = Double.parseDouble(cells[4]);
                    idle[op] = Double.parseDouble(cells[5]);
                    accuracy[op] = Double.parseDouble(cells[6]);
                }
            } catch (IllegalArgumentException e) {
                throw new ProfileCacheException(file + ":" + lineNo + ": " + e.getMessage());
            }
            if (op < 0) {
                throw new ProfileCacheException(file + ":" + lineNo + ": operating point (k=" + cells[0] + ", unit="
                        + cells[1] + ", " + cells[2] + " kHz) is not in this platform's OP space; recalibrate");
            }
            if (seen[op]) {
                throw new ProfileCacheException(file + ":" + lineNo + ": operating point listed twice");
            }
            seen[op] = true;
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                throw new ProfileCacheException(file + ": operating point " + space.point(i) + " is missing; recalibrate");
            }
        }
        try {
            return Optional.of(new Profile(space, latency, busy, idle, accuracy));
        } catch (IllegalArgumentException e) {
            throw new ProfileCacheException(file + ": " + e.getMessage());
        }
    }

    private static void expectLine(Path file, List<String> lines, int index, String expected)
            throws ProfileCacheException {
        String actual = index < lines.size() ? lines.get(index) : "<end of file>";
        if (!actual.equals(expected)) {
            throw new ProfileCacheException(file + ":" + (index + 1) + ": expected '" + expected + "', found '"
                    + actual + "'" + (Arrays.asList(0, 4).contains(index) ? "" : " (a cache of another key)"));
        }
    }
}
