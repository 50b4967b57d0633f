package org.dynnd.daemon.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.dynnd.daemon.assembly.DaemonAssembly;
import org.dynnd.daemon.board.BoardRequest;
import org.dynnd.daemon.board.BoardSession;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.control.CalibrationRun;
import org.dynnd.daemon.control.OperatingPointSwitch;
import org.dynnd.daemon.emulation.LatencyDilation;
import org.dynnd.governor.actuate.Actuators;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.Calibrator;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.models.runtime.DynamicModel;

/**
 * A real board measured operating point by operating point, as the daemon's calibration does
 * ({@link Calibrator}: latency at three frequencies per k and unit, fitted with t = a/f + b;
 * busy and idle power at every frequency from the sensors), for {@code dynnd report}.
 */
public final class BoardMeasurement {

    private BoardMeasurement() {}

    /**
     * Opens the real board {@code name} ({@code auto}: detected) to be measured: every frequency
     * file must be writable and a power sensor readable, else it is refused before anything is
     * written.
     *
     * @param outDir where the lock and the hardware-state file live until the board is restored
     * @param stateFileName the hardware-state file's name in {@code outDir}
     */
    public static BoardSession open(String name, Path presetsFolder, Path sysfsRoot, Path outDir, String stateFileName,
            long fullModelMacs, LongSupplier nanoClock) throws ConfigException, IOException {
        return open(name, presetsFolder, sysfsRoot, outDir, stateFileName, fullModelMacs, Files::isWritable, nanoClock);
    }

    /** As {@link #open(String, Path, Path, Path, String, long, LongSupplier)}, with what tells whether this process may write a file. */
    static BoardSession open(String name, Path presetsFolder, Path sysfsRoot, Path outDir, String stateFileName,
            long fullModelMacs, Predicate<Path> writable, LongSupplier nanoClock) throws ConfigException, IOException {
        BoardSession session = BoardSession.open(new BoardRequest(name, "--platform", presetsFolder, sysfsRoot, outDir,
                stateFileName, fullModelMacs, DynndConfig.defaults().sensors(), List.of(), writable, nanoClock, ProcessHandle.current().pid()));
        if (session.sensors().power().none()) {
            session.close();
            throw new ConfigException("board " + session.name() + ": no readable power sensor under " + sysfsRoot
                    + " (RAPL, hwmon INA2xx/INA3221, INA231); the report measures every operating point's power on the"
                    + " board; allowed: a board with readable power rails (RAPL's energy_uj is root-only: run as root)");
        }
        return session;
    }

    /**
     * Measures {@code model} on every unit of {@code session}, on an inference thread the
     * actuators pin to each unit in turn.
     *
     * @param limit the most the calibration may take
     * @throws ConfigException when it does not finish within {@code limit}
     */
    public static Profile calibrate(BoardSession session, DynamicModel model, ModelProfile modelProfile, Duration limit,
            int inferencesPerPoint, LongSupplier nanoClock) throws ConfigException, IOException {
        OpSpace space = new OpSpace(session.units(), modelProfile.ks());
        int hostCpus = Runtime.getRuntime().availableProcessors();
        Actuators actuators = session.actuators(cores -> model.setThreads(Math.min(cores, hostCpus)));
        int initial = space.indexOf(new OperatingPoint(space.maxK(), 0, session.units().get(0).maxFrequencyKHz()));
        CalibrationRun probe = new CalibrationRun(space, new OperatingPointSwitch(space, actuators, null, initial), model,
                LatencyDilation.NONE, null, session.sensors().power(), nanoClock);
        return session.inferenceThreads().callOnInferenceThread(() -> {
            try {
                return new Calibrator(probe, nanoClock, limit, inferencesPerPoint).calibrate(space, modelProfile);
            } catch (Calibrator.CalibrationFailedException e) {
                throw new ConfigException("calibration on " + session.name() + " failed: " + e.getMessage());
            }
        });
    }
}
