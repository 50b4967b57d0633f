package org.dynnd.governor.control;

import java.util.Arrays;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * Measures again a unit whose estimate may be stale. An estimate that says a unit is slowed or
 * draws more than its profile keeps the selection away from the unit, and a unit that does not
 * run is never measured: without a probe an interference that has ended would be believed for
 * good. A stale unit that has not run for {@code probeEvery} periods gets a share of the period
 * at a point chosen in tiers:
 * <ol>
 *   <li>latency-safe under its present estimate, costing the objective nothing (for max-accuracy
 *       no fewer groups than the main point);
 *   <li>latency-safe under its present estimate at any k (one inference's accuracy);
 *   <li>at most every {@value #RISKY_PROBE_EVERY} periods, safe under the profile: late or over the
 *       cap only while the interference is still there. Under a tight budget the first two tiers
 *       can be empty for as long as the estimate stays stale, which is what the probe is for.
 * </ol>
 * Every tier keeps the period's power cap, energy budget and accuracy floor. The probe takes one
 * inference, or the place of the split's second point. A power reading learns about the probed
 * unit in proportion to its share of the period, and one inference amplifies the sensor's noise
 * about tenfold, so a unit whose power is stale is probed, every few periods, with half the period.
 */
final class StaleUnitProbe {

    /** Slow-down (log) above which an unused unit counts as stale: 1.1x. */
    private static final double STALE_LOG_SLOWDOWN = Math.log(1.1);
    /**
     * Periods between probes that are safe only under the profile: each may be one late
     * inference while the interference lasts, and three of them fit in the 20 periods within which
     * a unit must be back in use after it ends.
     */
    private static final int RISKY_PROBE_EVERY = 6;

    private final OpSpace space;
    private final Profile profile;
    private final LatencyEstimate latency;
    private final PowerEstimate power;
    private final long[] lastSeen;
    private final long[] lastRiskyProbe;

    StaleUnitProbe(Profile profile, LatencyEstimate latency, PowerEstimate power) {
        this.space = profile.space();
        this.profile = profile;
        this.latency = latency;
        this.power = power;
        int units = space.units().size();
        lastSeen = new long[units];
        lastRiskyProbe = new long[units];
        Arrays.fill(lastRiskyProbe, -RISKY_PROBE_EVERY);
    }

    /** Units that ran inferences in {@code period}. */
    void seen(boolean[] measured, long period) {
        for (int u = 0; u < measured.length; u++) {
            if (measured[u]) {
                lastSeen[u] = period;
            }
        }
    }

    /**
     * {@code decision} with a probe of one stale unit in place of part of it, or {@code decision}
     * unchanged. {@code points} holds every point's figures under {@code estimates} for
     * {@code budget}, as the selection judged them.
     */
    Decision probe(Decision decision, Budget budget, PeriodEstimates estimates, PointEvaluation points,
            boolean[] allowed, long period, int probeEvery, double zAvg) {
        double perPeriod = estimates.requestsPerPeriod();
        // Also when the budget looks infeasible: a stale, pessimistic estimate may be why.
        if (probeEvery <= 0 || perPeriod < 2) {
            return decision;
        }
        int main = decision.primary();
        int current = space.unitOf(main);
        double share = decision.isSplit() ? decision.primaryShare() : 1 - 1 / Math.floor(perPeriod);
        for (int u = 0; u < space.units().size(); u++) {
            // Only an estimate that says the unit is slowed or draws more can be stale in a way
            // that keeps the controller away from it; an unmoved unit's profile is trusted.
            boolean powerStale = power.above(u, zAvg, STALE_LOG_SLOWDOWN);
            boolean stale = latency.filter(u).logMean() >= STALE_LOG_SLOWDOWN || powerStale;
            if (u == current || period - lastSeen[u] < probeEvery || !stale) {
                continue;
            }
            double half = Math.floor(perPeriod / 2) / Math.floor(perPeriod);
            boolean strong = powerStale && half < share && period - lastRiskyProbe[u] >= RISKY_PROBE_EVERY;
            int best = -1;
            double probeShare = share;
            for (int tier = 0; tier < 3 && best < 0; tier++) {
                if (tier == 2 && period - lastRiskyProbe[u] < RISKY_PROBE_EVERY) {
                    break;
                }
                if (strong) {
                    best = probePoint(u, main, half, budget, tier, estimates, points, allowed);
                    probeShare = half;
                }
                if (best < 0) {
                    best = probePoint(u, main, share, budget, tier, estimates, points, allowed);
                    probeShare = share;
                }
                if (best >= 0 && (tier == 2 || probeShare == half)) {
                    lastRiskyProbe[u] = period;
                }
            }
            lastSeen[u] = period;
            if (best >= 0) {
                return new Decision(main, best, probeShare, decision.feasible(), decision.unmet(),
                        decision.predictedPowerW(), decision.predictedEnergyMj(), decision.predictedAccuracy());
            }
        }
        return decision;
    }

    /** The probe point of unit {@code u} at {@code tier} (see the class comment); -1 when none. */
    private int probePoint(int u, int main, double share, Budget budget, int tier, PeriodEstimates estimates,
            PointEvaluation points, boolean[] allowed) {
        boolean minEnergy = budget.objective() == Objective.MIN_ENERGY;
        double[] energy = points.energy;
        int best = -1;
        for (int i = 0; i < space.size(); i++) {
            // For max-accuracy the first tier never runs fewer groups than the main point: measuring
            // a unit must not cost the objective where another tier can do without.
            if (space.unitOf(i) != u || !allowed[i]
                    || !keepsBudget(i, main, share, budget, tier == 2, estimates, points)
                    || (tier == 0 && !minEnergy && profile.accuracyPercent(i) < profile.accuracyPercent(main))) {
                continue;
            }
            // The cheapest inference, not the least power: the lowest clock draws least but takes
            // longest, and a probe's energy counts against an energy budget.
            double acc = profile.accuracyPercent(i);
            double cost = energy[i];
            boolean better = best < 0 || (minEnergy
                    ? cost < energy[best] || (cost == energy[best] && acc > profile.accuracyPercent(best))
                    : acc > profile.accuracyPercent(best) || (acc == profile.accuracyPercent(best) && cost < energy[best]));
            if (better) {
                best = i;
            }
        }
        return best;
    }

    /**
     * A probe point's inferences must meet their latency and the period its power cap, energy
     * budget and accuracy floor: under the estimates, or with {@code underProfile} under the
     * profile (no slow-down, no power factor on the probed unit).
     */
    private boolean keepsBudget(int probe, int main, double share, Budget budget, boolean underProfile,
            PeriodEstimates estimates, PointEvaluation points) {
        if (underProfile) {
            if (latency.boundUnderProfileMs(probe) > budget.latencyMs()) {
                return false;
            }
        } else if ((points.mask[probe] & Constraint.LATENCY.bit()) != 0) {
            return false;
        }
        double probePower = points.power[probe] / (underProfile ? estimates.powerFactor[space.unitOf(probe)] : 1);
        double power = share * points.power[main] + (1 - share) * probePower;
        double energy = share * points.energy[main] + (1 - share) * points.energy[probe];
        double accuracy = share * profile.accuracyPercent(main) + (1 - share) * profile.accuracyPercent(probe);
        return !(power > budget.powerW()) && !(energy > budget.energyMj()) && !(accuracy < budget.minAccuracyPercent());
    }
}
