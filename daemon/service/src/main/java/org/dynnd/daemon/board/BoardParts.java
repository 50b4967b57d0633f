package org.dynnd.daemon.board;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.emulation.EmulatedPlatform;
import org.dynnd.daemon.platform.BoardPreset;
import org.dynnd.daemon.state.BoardLock;
import org.dynnd.daemon.state.HardwareStateFile;
import org.dynnd.daemon.state.RestoreReport;
import org.dynnd.governor.actuate.SysfsIo;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pieces of a {@link BoardSession} in the order they are made, so that a failure half-way
 * undoes exactly what was made.
 */
final class BoardParts {

    private static final Logger LOG = LoggerFactory.getLogger(BoardParts.class);

    final BoardRequest request;
    final BoardPreset preset;
    final BoardLock lock;
    ScheduledExecutorService emulationTicks;
    EmulatedPlatform emulated;
    HardwareStateFile state;
    ClosingSysfsIo io;
    BoardUnits board;
    SensorsSetup sensors;

    BoardParts(BoardRequest request, BoardPreset preset, BoardLock lock) {
        this.request = request;
        this.preset = preset;
        this.lock = lock;
    }

    void build() throws ConfigException, IOException {
        Path stateFile = request.runtimeDir().resolve(request.stateFileName());
        restoreLeftover(stateFile);
        BoardModel model = preset.boardModel().isEmpty() ? null : Boards.forModel(preset.boardModel(), request.fullModelMacs());
        Path sysfsRoot = request.sysfsRoot();
        if (request.emulated()) {
            emulationTicks = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dynnd-emulated-board");
                t.setDaemon(true);
                return t;
            });
            emulated = EmulatedPlatform.start(preset, Boards.forModel(preset.boardModel(), request.fullModelMacs()),
                    request.coRunners(), request.runtimeDir(), emulationTicks, request.nanoClock());
            sysfsRoot = emulated.sysfsRoot();
        }
        state = new HardwareStateFile(stateFile, sysfsRoot, request.pid());
        io = new ClosingSysfsIo(new StateRecordingIo(SysfsIo.FILES, state, sysfsRoot));
        board = BoardUnits.of(preset, model, sysfsRoot, io, emulated != null);
        if (request.writable() != null) {
            WritableKnobs.require(preset, board.knobs(), request.writable());
        }
        sensors = SensorsSetup.start(preset, request.sensors(), sysfsRoot, state, request.nanoClock());
    }

    /** Restores the hardware from the state file of a run that died, if there is one, saying so. */
    private static void restoreLeftover(Path stateFile) throws IOException {
        Optional<RestoreReport> report = HardwareStateFile.restoreLeftover(stateFile);
        report.ifPresent(r -> {
            LOG.warn("a previous run died without restoring the hardware: restored {} files from {}", r.restored(), stateFile);
            r.failures().forEach(f -> LOG.error("could not restore {}", f));
        });
    }

    void undo() {
        if (sensors != null) {
            sensors.close();
        }
        if (io != null) {
            io.close();
        }
        if (state != null) {
            try {
                state.restore(); // an INA231 that discovery switched on is switched off again
            } catch (IOException e) {
                LOG.error("cannot remove the hardware-state file {}: {}", state.file(), e.toString());
            }
        }
        if (emulated != null) {
            emulated.close();
        }
        if (emulationTicks != null) {
            emulationTicks.shutdownNow();
        }
        lock.close();
    }
}
