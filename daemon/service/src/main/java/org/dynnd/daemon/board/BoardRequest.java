package org.dynnd.daemon.board;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.dynnd.daemon.config.CoRunnerConfig;
import org.dynnd.daemon.config.SensorsConfig;

/**
 * Which board a {@link BoardSession} opens, and how.
 *
 * @param platform {@code auto} (detected from the sysfs root), a preset's name, or
 *     {@code emulated:PRESET} for the board imitated in the runtime folder
 * @param option the option or configuration key the platform came from, named in errors
 * @param presetsFolder the board presets ({@code config/boards})
 * @param sysfsRoot where a real board's sysfs files are (ignored for an emulated board)
 * @param runtimeDir where the lock, the hardware-state file and an emulated board's tree live
 * @param stateFileName the hardware-state file's name in {@code runtimeDir}
 * @param fullModelMacs multiply-accumulates of one full-width inference of the model, which the
 *     board model's latencies scale with
 * @param sensors the rails' names and sampling period
 * @param coRunners the emulated board's co-runners (empty for a real board)
 * @param writable when non-null, every frequency file must pass it before anything is written
 * @param nanoClock the monotonic clock sensors and emulation keep time with
 * @param pid the process recorded as the owner of the hardware-state file
 */
public record BoardRequest(String platform, String option, Path presetsFolder, Path sysfsRoot, Path runtimeDir, String stateFileName, long fullModelMacs,
        SensorsConfig sensors, List<CoRunnerConfig> coRunners, Predicate<Path> writable, LongSupplier nanoClock, long pid) {

    /** The prefix of an emulated board's platform name. */
    public static final String EMULATED = "emulated:";

    public BoardRequest {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(presetsFolder, "presetsFolder");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        Objects.requireNonNull(stateFileName, "stateFileName");
        Objects.requireNonNull(sensors, "sensors");
        Objects.requireNonNull(nanoClock, "nanoClock");
        coRunners = List.copyOf(coRunners);
        if (!platform.startsWith(EMULATED)) {
            Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        }
        if (fullModelMacs < 1) {
            throw new IllegalArgumentException("a model costs at least one multiply-accumulate, got " + fullModelMacs);
        }
    }

    /** The hardware-state file's name the daemon uses in its runtime folder. */
    public static final String DAEMON_STATE_FILE = "hardware-state.json";

    /** Whether the board is the emulated one. */
    public boolean emulated() {
        return platform.startsWith(EMULATED);
    }
}
