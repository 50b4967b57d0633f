package org.dynnd.daemon.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.dynnd.daemon.board.BoardSession;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.control.ModelProfiles;
import org.dynnd.daemon.emulation.EmulatedLatency;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.models.runtime.DynamicModel;

/**
 * Every operating point of a model measured on the real board the report runs on: the daemon's
 * calibration ({@link BoardMeasurement#calibrate}) sets each unit's frequencies, pins inference to
 * the unit and reads the power sensors; the points take their latency, power and energy from the
 * profile it measures. The board model, when the board has one, is kept beside them.
 *
 * @param board the board preset's name
 * @param boardModel the board model restricted to the units measured, or null when the board has none
 * @param profile the calibrated profile the points come from
 * @param characterisation the measured points and, as its model points, the board model's (the
 *     measured points again when there is no board model)
 */
record BoardCharacterisation(String board, BoardModel boardModel, Profile profile, Characterisation characterisation) {

    /** The hardware-state file, in the report's folder, while the board's settings are changed. */
    static final String STATE_FILE = ".hardware-state.json";
    /** The most the calibration may take; its result is the whole report's data, so it may take long. */
    static final Duration LIMIT = Duration.ofMinutes(10);

    /**
     * Opens the board {@code platform} names, measures the host (board) latency per k as the
     * emulated report does (unpinned, at the board's own governor), calibrates every operating
     * point and puts the hardware back.
     *
     * @param inferencesPerPoint inferences averaged per calibrated latency point
     */
    static BoardCharacterisation measure(EvaluationReport.Settings s, DynamicModel model, ModelProfile profile,
            int inferencesPerPoint) throws ConfigException, IOException {
        PrintStream progress = s.progress();
        Files.createDirectories(s.out());
        Path state = s.out().resolve(STATE_FILE);
        BoardSession session = BoardMeasurement.open(s.platform(), s.presets(), s.sysfsRoot(), s.out(), STATE_FILE,
                ModelProfiles.fullMacs(model), s.nanoClock());
        try (session) {
            progress.printf(Locale.ROOT, "board %s: units %s; the hardware's settings are kept in %s until restored%n",
                    session.name(), session.units().stream().map(u -> u.name()).toList(), state);
            double[] reference = EmulatedLatency.hostReferenceMs(model, s.referenceRuns());
            double[][] host = Characterisation.hostSamples(model, s.samples(), progress);
            progress.printf(Locale.ROOT, "board %s: calibrating every unit and frequency (%d inferences per latency point,"
                    + " power from the sensors)%n", session.name(), inferencesPerPoint);
            long start = System.nanoTime();
            Profile measured = BoardMeasurement.calibrate(session, model, profile, LIMIT, inferencesPerPoint, s.nanoClock());
            progress.printf(Locale.ROOT, "board %s: calibrated %d operating points in %.1f s%n", session.name(),
                    measured.size(), (System.nanoTime() - start) / 1e9);
            List<OpPoint> points = Characterisation.measured(measured);
            BoardModel board = session.boardModel();
            List<OpPoint> modelPoints = board == null ? points
                    : Characterisation.modelPoints(board, profile, measured.space());
            return new BoardCharacterisation(session.name(), board, measured,
                    new Characterisation(measured.space(), reference, host, points, modelPoints));
        } finally {
            progress.println("board: hardware settings restored");
        }
    }
}
