package org.dynnd.daemon.board;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.governor.actuate.FrequencyKnob;
import org.dynnd.governor.actuate.KnobException;

/** Refuses a board whose frequency files this process cannot write, before anything is written. */
final class WritableKnobs {

    private WritableKnobs() {}

    static void require(BoardPreset preset, List<FrequencyKnob> knobs, Predicate<Path> writable) throws ConfigException {
        for (FrequencyKnob knob : knobs) {
            Map<Path, String> files;
            try {
                files = knob.snapshot();
            } catch (KnobException e) {
                throw new ConfigException("board " + preset.name() + ": cannot read " + knob.describe() + ": " + e.getMessage());
            }
            for (Path file : files.keySet()) {
                if (!writable.test(file)) {
                    throw new ConfigException("board " + preset.name() + ": cannot write " + file + "; measuring sets"
                            + " each unit's frequency and pins inference to it, which needs root (run it with sudo)");
                }
            }
        }
    }
}
