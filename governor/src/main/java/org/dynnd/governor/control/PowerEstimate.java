package org.dynnd.governor.control;

import java.util.Arrays;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * How much the board's power differs from the profile, per compute unit (or one for all): a
 * {@link SlowdownFilter} on the log of measured over expected power, fed one reading a period
 * with its noise learnt from successive readings, and the online refinement of the busy power of
 * a point that ran alone for a period.
 *
 * <p>A unit that is only probed (a few inferences in periods that mostly run on another unit)
 * never has a period of its own, so a power factor learnt under interference would never be
 * corrected. In such a mixed period the reading, less what the main unit's own estimate says it
 * drew, is the probed unit's share: its factor is that over its profiled share. One such reading
 * is noisy (the sensor's noise over a small share), so they are pooled, weighted by their
 * variance, old readings fading; once the pool disagrees with the unit's estimate by more than two
 * standard deviations, the estimate restarts at the pool's mean, and otherwise the reading is
 * folded into the estimate. A period the unit runs alone empties its pool.
 */
final class PowerEstimate {

    /** Periods after a change of unit whose power readings are not learnt from (sensor lag). */
    private static final int SETTLE_PERIODS = 2;
    /** Weight a pooled probe reading keeps at each new one: about two readings remembered. */
    private static final double POOL_MEMORY = 0.5;
    /**
     * Disagreement, in standard deviations, at which the pool replaces the unit's estimate. Lower
     * than a step's threshold: the pool is evidence already gathered over readings. With a stricter
     * test the estimate only creeps toward the pool after a power interference ends, and the unit
     * looks dearer than it is (so unused under a cap) for many periods.
     */
    private static final double POOL_RESTART_SIGMAS = 2;

    private final OpSpace space;
    private final Profile profile;
    private final boolean perUnit;
    private final SlowdownFilter[] filters;
    private final double[] noise;
    private final double[] lastZ;
    private final double[] poolWeight;
    private final double[] poolSum;
    private final double jumpSigmas;
    private int unit = -1;
    private int periodsOnUnit;

    /** @param profile the controller's profile, whose busy power this refines */
    PowerEstimate(Profile profile, ControllerConfig config) {
        this.space = profile.space();
        this.profile = profile;
        this.perUnit = config.perUnit();
        int count = perUnit ? space.units().size() : 1;
        filters = new SlowdownFilter[count];
        for (int f = 0; f < count; f++) {
            // Power readings are one per period and their noise is learnt slowly: confirm steps.
            filters[f] = new SlowdownFilter(config.levelNoise(), config.slopeNoise(), config.jumpSigmas(), 5e-4, 2);
        }
        noise = new double[count];
        Arrays.fill(noise, 1e-3);
        lastZ = new double[count];
        Arrays.fill(lastZ, Double.NaN);
        poolWeight = new double[count];
        poolSum = new double[count];
        jumpSigmas = config.jumpSigmas();
    }

    /** The power filter of {@code unit} (shared by all units with a global estimate). */
    SlowdownFilter filter(int unit) {
        return filters[perUnit ? unit : 0];
    }

    /**
     * The factor on {@code unit}'s profiled power that the period's average stays under: the
     * filter's trend-corrected mean plus {@code z} of its standard deviations.
     */
    double upperFactor(int unit, double z) {
        SlowdownFilter f = filter(unit);
        return Math.exp(f.logMean() + f.logSlope() + z * Math.sqrt(f.logVariance()));
    }

    /** Whether {@code unit}'s power estimate, at {@code z} standard deviations above its mean, exceeds {@code logFactor}. */
    boolean above(int unit, double z, double logFactor) {
        SlowdownFilter f = filter(unit);
        return f.logMean() + z * Math.sqrt(f.logVariance()) >= logFactor;
    }

    /** A mixed period's reading, less the main unit's estimated draw, pooled for the other unit (see the class comment). */
    private void attribute(Observation observation, int main, double busyShare) {
        double mainPart = 0;
        double otherPart = 0;
        int other = -1;
        for (Observation.Segment s : observation.segments()) {
            double busy = 0;
            for (double t : s.latenciesMs()) {
                busy += t;
            }
            double part = busy / observation.periodMs() * profile.busyPowerW(s.op());
            int u = space.unitOf(s.op());
            if (u == main) {
                mainPart += part;
            } else if (other < 0 || u == other) {
                other = u;
                otherPart += part;
            } else {
                return; // three units: not one unknown
            }
        }
        int first = observation.segments().get(0).op();
        mainPart += Math.max(0, 1 - Math.min(1, busyShare)) * profile.idlePowerW(first);
        SlowdownFilter mainFilter = filters[main];
        double residual = observation.powerW() - mainFilter.factor() * mainPart;
        if (!(otherPart > 0)) {
            return;
        }
        // A residual below a fifth of the profiled share is noise, not a factor of 0.2.
        double share = Math.max(residual, 0.2 * otherPart);
        double z = Math.log(share / otherPart);
        double amplification = observation.powerW() / share;
        double variance = amplification * amplification * (noise[main] + mainFilter.logVariance());
        // Old readings fade, so that the pool follows the end of an interference within a few probes.
        poolWeight[other] = POOL_MEMORY * poolWeight[other] + 1 / variance;
        poolSum[other] = POOL_MEMORY * poolSum[other] + z / variance;
        double mean = poolSum[other] / poolWeight[other];
        double poolVariance = 1 / poolWeight[other];
        SlowdownFilter target = filters[other];
        double gap = mean - target.logMean();
        if (Double.isFinite(jumpSigmas)
                && gap * gap > POOL_RESTART_SIGMAS * POOL_RESTART_SIGMAS * (poolVariance + target.logVariance())) {
            target.restart(mean, poolVariance);
            poolWeight[other] = 0;
            poolSum[other] = 0;
        } else {
            // Agreeing evidence narrows the estimate, which the selection's margin widens.
            target.update(z, variance);
        }
    }

    /** Learns from one period's power reading; {@code refineWeight} 0 leaves the profile alone. */
    void update(Observation observation, double refineWeight) {
        int current = -1;
        boolean mixedUnits = false;
        double busyShare = 0;
        double expectedBusy = 0;
        for (Observation.Segment s : observation.segments()) {
            int u = space.unitOf(s.op());
            mixedUnits |= current >= 0 && u != current;
            current = current < 0 ? u : current;
            double busy = 0;
            for (double t : s.latenciesMs()) {
                busy += t;
            }
            double share = busy / observation.periodMs();
            busyShare += share;
            expectedBusy += share * profile.busyPowerW(s.op());
        }
        // Power sensors lag (the XU3's INA231 refreshes every 263.8 ms, and a reading spans its
        // interval): the first periods after inference moved to another unit still show the old
        // unit's power and would teach the new unit's filter a step that is not there.
        periodsOnUnit = current >= 0 && current == unit ? periodsOnUnit + 1 : 0;
        if (current >= 0) {
            unit = current;
        }
        boolean settled = periodsOnUnit >= SETTLE_PERIODS;
        boolean reading = Double.isFinite(observation.powerW()) && observation.powerW() > 0;
        boolean usable = current >= 0 && !mixedUnits && settled && reading;
        SlowdownFilter learning = usable ? filter(current) : null;
        for (SlowdownFilter f : filters) {
            if (f != learning) {
                f.coast();
            }
        }
        if (mixedUnits && settled && reading && perUnit) {
            attribute(observation, current, busyShare);
        }
        if (!usable) {
            return;
        }
        poolWeight[perUnit ? current : 0] = 0;
        poolSum[perUnit ? current : 0] = 0;
        int first = observation.segments().get(0).op();
        double idle = Math.max(0, 1 - Math.min(1, busyShare));
        double expected = expectedBusy / Math.max(1, busyShare) + idle * profile.idlePowerW(first);
        double zp = Math.log(observation.powerW() / expected);
        int f = perUnit ? current : 0;
        if (!Double.isNaN(lastZ[f])) {
            double d = zp - lastZ[f];
            double cap = 9 * Math.max(noise[f], 1e-4);
            noise[f] += 0.1 * (Math.min(d * d / 2, cap) - noise[f]);
        }
        lastZ[f] = zp;
        learning.update(zp, Math.max(noise[f], 1e-5));
        // Online refinement of the busy power of a point that ran alone for the period: what the
        // reading says it drew, net of the idle share and of the unit's present factor, so that
        // the profile learns how this point differs from the others of its unit.
        if (refineWeight > 0 && observation.segments().size() == 1 && busyShare > 0.2
                && !learning.jumped() && learning.logVariance() < 4 * noise[f]) {
            double net = observation.powerW() / learning.factor() - idle * profile.idlePowerW(first);
            profile.refine(first, Double.NaN, net / Math.min(1, busyShare), refineWeight);
        }
    }
}
