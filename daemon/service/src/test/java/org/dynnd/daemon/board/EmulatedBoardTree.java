package org.dynnd.daemon.board;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dynnd.daemon.emulation.EmulatedPlatform;
import org.dynnd.daemon.platform.BoardPresets;
import org.dynnd.governor.board.Boards;

/**
 * The sysfs tree of an emulated board (cpufreq, devfreq and power sensors as the board's kernel
 * shows them, the sensors reading the board model's power), for a test that treats it as a real board.
 */
public final class EmulatedBoardTree implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final EmulatedPlatform platform;

    private EmulatedBoardTree(ScheduledExecutorService scheduler, EmulatedPlatform platform) {
        this.scheduler = scheduler;
        this.platform = platform;
    }

    /** Builds board {@code name}'s tree under {@code dir} and starts its kernel's ticks. */
    public static EmulatedBoardTree start(String name, Path presets, Path dir, int groups) throws Exception {
        var preset = BoardPresets.load(presets).byName(name).orElseThrow();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        return new EmulatedBoardTree(scheduler, EmulatedPlatform.start(preset, Boards.byName(preset.boardModel(), groups),
                List.of(), dir, scheduler, System::nanoTime));
    }

    public Path root() {
        return platform.sysfsRoot();
    }

    /** Stops the ticks and waits for one in progress: it could still write a file into a folder being deleted. */
    @Override
    public void close() throws InterruptedException {
        platform.close();
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("the emulated kernel's tick did not stop within 10 s");
        }
    }
}
