package org.dynnd.governor.control;

import java.util.Arrays;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * How much the board's power differs from the profile, per compute unit (or one for all): a
 * {@link SlowdownFilter} on the log of measured over expected power, fed one reading a period
 * with its noise learnt from successive readings, and the online refinement of the busy power of
 * a point that ran alone for a period.
 */
final class PowerEstimate {

    /** Periods after a change of unit whose power readings are not learnt from (sensor lag). */
    private static final int SETTLE_PERIODS = 2;

    private final OpSpace space;
    private final Profile profile;
    private final boolean perUnit;
    private final SlowdownFilter[] filters;
    private final double[] noise;
    private final double[] lastZ;
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
    }

    /** The power filter of {@code unit} (shared by all units with a global estimate). */
    SlowdownFilter filter(int unit) {
        return filters[perUnit ? unit : 0];
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
        boolean usable = current >= 0 && !mixedUnits && settled && Double.isFinite(observation.powerW())
                && observation.powerW() > 0;
        SlowdownFilter learning = usable ? filter(current) : null;
        for (SlowdownFilter f : filters) {
            if (f != learning) {
                f.coast();
            }
        }
        if (!usable) {
            return;
        }
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
