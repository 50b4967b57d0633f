package org.dynnd.daemon.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.StrictYamlReader;

/**
 * The board presets of a folder ({@code config/boards/} of the distribution), read strictly, and
 * the detection of which one a sysfs tree is.
 */
public final class BoardPresets {

    /** The preset that fits any machine; detection falls back to it. */
    public static final String GENERIC = "generic";

    private final List<BoardPreset> presets;

    private BoardPresets(List<BoardPreset> presets) {
        this.presets = List.copyOf(presets);
    }

    /** Reads every {@code *.yaml} of {@code folder}; a preset's name must match its file name. */
    public static BoardPresets load(Path folder) throws ConfigException {
        if (!Files.isDirectory(folder)) {
            throw new ConfigException(folder + ": no board presets folder; expected config/boards/ of the distribution");
        }
        StrictYamlReader<BoardPreset> reader = new StrictYamlReader<>(BoardPreset.class, () -> null, "board preset");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.yaml")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new ConfigException(folder + ": cannot list the board presets: " + e.getMessage());
        }
        files.sort(Comparator.comparing(Path::toString));
        List<BoardPreset> presets = new ArrayList<>();
        for (Path file : files) {
            BoardPreset preset = reader.load(file);
            if (preset == null) {
                throw new ConfigException(file + ": empty board preset");
            }
            String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!preset.name().equals(expected)) {
                throw new ConfigException(file + ": name: '" + preset.name() + "' differs from the file name; allowed: " + expected);
            }
            presets.add(preset);
        }
        return new BoardPresets(presets);
    }

    /** Every preset, sorted by name. */
    public List<BoardPreset> all() {
        return presets;
    }

    /** The preset called {@code name}. */
    public Optional<BoardPreset> byName(String name) {
        return presets.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The board under {@code sysfsRoot}: the first preset (by name) whose detection paths all
     * exist, else {@value #GENERIC}.
     */
    public BoardPreset detect(Path sysfsRoot) throws ConfigException {
        for (BoardPreset preset : presets) {
            if (!preset.detect().isEmpty() && preset.detect().stream().allMatch(p -> Files.exists(sysfsRoot.resolve(p)))) {
                return preset;
            }
        }
        return byName(GENERIC).orElseThrow(() -> new ConfigException("no board preset matches " + sysfsRoot
                + " and the '" + GENERIC + "' preset is missing"));
    }
}
