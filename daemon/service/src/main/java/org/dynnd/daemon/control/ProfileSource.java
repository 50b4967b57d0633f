package org.dynnd.daemon.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.CalibrationProbe;
import org.dynnd.governor.profile.Calibrator;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.profile.ProfileCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the governor's profile comes from (configuration key {@code governor.calibration}): the
 * board model, the profile cached for this board and model, or a calibration run on the platform
 * whose result is cached for the next start.
 */
public final class ProfileSource {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileSource.class);
    /** The bound on a calibration run. */
    static final Duration LIMIT = Duration.ofSeconds(30);
    /**
     * The bound when the board has no model to fall back on: calibration is then the only source
     * of the profile, and a machine with many frequencies needs longer (its result is cached, so
     * only the first start pays).
     */
    static final Duration LIMIT_WITHOUT_MODEL = Duration.ofMinutes(3);
    static final int INFERENCES_PER_POINT = 3;

    private ProfileSource() {}

    /**
     * @param prior the board model's profile, or null when the board has no model
     * @param probe runs the platform's inferences and reads its sensors
     */
    public static Profile choose(String mode, boolean emulated, Profile prior, String board, ModelProfile model, OpSpace space,
            Path cacheDir, CalibrationProbe probe) throws ConfigException, IOException {
        boolean measure = mode.equals("measure") || (mode.equals("auto") && (!emulated || prior == null));
        if (!measure) {
            if (prior == null) {
                throw new ConfigException("governor.calibration: board-model, but board " + board
                        + " has no board model; allowed here: auto or measure");
            }
            LOG.info("profile: the board model of {}", board);
            return prior;
        }
        ProfileCache cache = new ProfileCache(cacheDir.resolve("profiles"));
        if (mode.equals("auto")) {
            Optional<Profile> cached = cache.load(board, model, space);
            if (cached.isPresent()) {
                LOG.info("profile: cached in {}", cache.fileFor(board, model.name(), model.version()));
                return cached.get();
            }
        }
        long start = System.nanoTime();
        try {
            Profile measured = new Calibrator(probe, System::nanoTime, prior == null ? LIMIT_WITHOUT_MODEL : LIMIT, INFERENCES_PER_POINT).calibrate(space, model);
            Path file = cache.store(board, model, measured);
            LOG.info("profile: calibrated {} operating points in {} ms, cached in {}", space.size(),
                    (System.nanoTime() - start) / 1_000_000, file);
            return measured;
        } catch (Calibrator.CalibrationFailedException e) {
            if (prior == null) {
                throw new ConfigException("calibration failed: " + e.getMessage());
            }
            LOG.warn("{}; the board model's profile is used instead", e.getMessage());
            return prior;
        }
    }
}
