package org.dynnd.governor.control;

import java.util.Arrays;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * dynnd's closed-loop controller. Once per period the daemon (or the simulator) hands it what
 * was measured; it updates its slow-down estimates, refines the profile, and answers with the
 * next operating point or split. It touches no hardware: actuation is the caller's job, and a
 * knob the actuators could not move is reported back through {@link #markUnitUnavailable} or
 * {@link #pinFrequency}.
 *
 * <p>Estimation: per compute unit one {@link SlowdownFilter} for latency and one for power
 * (interference on the big cluster does not slow the LITTLE one). The per-inference spread of
 * latency is learnt from the latencies within each period; the latency that one inference stays
 * under with the configured confidence is then profile x exp(mean + z·sqrt(state variance +
 * spread)). A unit that has not run for {@code probeEvery} periods while its last estimate says it
 * is slowed gets one inference at a point that is safe under that estimate, so that the end of
 * the interference is noticed.
 */
public final class Controller {

    /** Slow-down (log) above which an unused unit is probed: 1.1x. */
    private static final double STALE_LOG_SLOWDOWN = Math.log(1.1);
    /**
     * Periods between probes that are latency-safe only under the profile: each may be one late
     * inference while the interference lasts, and three of them fit in the 20 periods within which
     * a unit must be back in use after it ends.
     */
    private static final int RISKY_PROBE_EVERY = 6;

    private final OpSpace space;
    private final Profile profile;
    private ControllerConfig config;
    private final Selector selector;
    private final SlowdownFilter[] latency;
    private final PowerEstimate power;
    private final LatencySpread spread;
    private final long[] lastSeen;
    private final long[] lastRiskyProbe;
    private final boolean[] allowed;
    private final double[] latQ;
    private final double[] lateShare;
    private final double[] latM;
    private final double[] powF;
    private final double[] unitScale;
    private final double[] unitState;
    private double z;
    private double zAvg;
    private final Workload workload;
    private long period;
    private Decision previous;

    /** @param profile the calibrated profile; the controller refines a copy of it */
    public Controller(Profile profile, ControllerConfig config) {
        this.profile = profile.copy();
        this.space = profile.space();
        this.config = config;
        this.selector = new Selector(this.profile);
        int units = space.units().size();
        int filters = config.perUnit() ? units : 1;
        latency = new SlowdownFilter[filters];
        for (int f = 0; f < filters; f++) {
            // The profile was just calibrated (each point the mean of several inferences): start
            // trusting it to about 2%.
            latency[f] = new SlowdownFilter(config.levelNoise(), config.slopeNoise(), config.jumpSigmas(), 5e-4);
        }
        power = new PowerEstimate(this.profile, config);
        lastSeen = new long[units];
        lastRiskyProbe = new long[units];
        Arrays.fill(lastRiskyProbe, -RISKY_PROBE_EVERY);
        allowed = new boolean[space.size()];
        Arrays.fill(allowed, true);
        latQ = new double[space.size()];
        lateShare = new double[space.size()];
        spread = new LatencySpread(space, config.confidence());
        latM = new double[units];
        powF = new double[units];
        unitScale = new double[units];
        unitState = new double[units];
        z = NormalQuantile.of(config.confidence());
        zAvg = NormalQuantile.of(config.averageConfidence());
        workload = new Workload(config.initialRequestsPerSecond() / 1000.0);
    }

    private int filterOf(int unit) {
        return config.perUnit() ? unit : 0;
    }

    /**
     * Takes new settings (confidence, precedence, hysteresis bands) from the next decision on,
     * keeping everything learnt; a reloaded daemon configuration arrives here. The shape of the
     * estimator ({@code perUnit}) is fixed at construction.
     */
    public void reconfigure(ControllerConfig next) {
        if (next.perUnit() != config.perUnit()) {
            throw new IllegalArgumentException("perUnit cannot change on a running controller");
        }
        config = next;
        spread.confidence(next.confidence());
        z = NormalQuantile.of(next.confidence());
        zAvg = NormalQuantile.of(next.averageConfidence());
    }

    /** The settings in force. */
    public ControllerConfig config() {
        return config;
    }

    /** Takes one period's measurements and returns the decision for the next period. */
    public Decision decide(Observation observation) {
        period++;
        boolean[] measured = updateLatency(observation);
        power.update(observation, config.refineWeight());
        workload.observe(observation);
        double requestsPerMs = workload.requestsPerMs();
        double perPeriod = requestsPerMs * observation.periodMs();
        for (int u = 0; u < space.units().size(); u++) {
            if (measured[u]) {
                lastSeen[u] = period;
            }
            SlowdownFilter lf = latency[filterOf(u)];
            SlowdownFilter pf = power.filter(u);
            double m = lf.logMean() + lf.logSlope();
            double v = lf.logVariance();
            // The period's busy time varies with the per-inference spread averaged over its inferences.
            latM[u] = Math.exp(m + zAvg * Math.sqrt(v + spread.global() / Math.max(1, perPeriod)));
            powF[u] = Math.exp(pf.logMean() + pf.logSlope() + zAvg * Math.sqrt(pf.logVariance()));
        }
        quantiles(latQ);
        Budget budget = observation.budget();
        Selector.Input input = new Selector.Input(latQ, latM, powF, requestsPerMs, perPeriod, budget,
                config.precedence(), config.allowSplit(), allowed, workload.closedLoopShare());
        Decision decision = previous == null ? selector.select(input)
                : selector.select(input, previous.primary(), previous.secondary(), config.accuracyBand(),
                        config.energyBand());
        if (decision.unmet().contains(Constraint.LATENCY)) {
            // No point meets the latency with the confidence: give it up by expected late share, so
            // that points about as late leave the choice to the constraints after latency.
            lateShares(budget.latencyMs(), lateShare);
            decision = selector.select(new Selector.Input(latQ, latM, powF, requestsPerMs, perPeriod, budget,
                    config.precedence(), config.allowSplit(), allowed, workload.closedLoopShare(), lateShare));
        }
        decision = probe(decision, budget, perPeriod);
        previous = decision;
        return decision;
    }

    /**
     * What the controller would choose for {@code budget} now, from its current estimates,
     * without learning anything or changing its state: the answer to a client that asks whether a
     * budget is feasible before (or instead of) holding it.
     */
    public Decision preview(Budget budget) {
        int units = space.units().size();
        double[] quantile = new double[space.size()];
        double[] mean = new double[units];
        double[] powerFactor = new double[units];
        double requestsPerMs = workload.requestsPerMs();
        double perPeriod = Math.max(1, requestsPerMs * 1000);
        for (int u = 0; u < units; u++) {
            SlowdownFilter lf = latency[filterOf(u)];
            SlowdownFilter pf = power.filter(u);
            double m = lf.logMean() + lf.logSlope();
            double v = lf.logVariance();
            mean[u] = Math.exp(m + zAvg * Math.sqrt(v + spread.global() / perPeriod));
            powerFactor[u] = Math.exp(pf.logMean() + pf.logSlope() + zAvg * Math.sqrt(pf.logVariance()));
        }
        quantiles(quantile);
        Selector preview = new Selector(profile);
        return preview.select(new Selector.Input(quantile, mean, powerFactor, requestsPerMs, perPeriod, budget,
                config.precedence(), config.allowSplit(), allowed.clone(), workload.closedLoopShare()));
    }

    /**
     * Whether the client is taken to wait on the service (a closed loop): the rate measured is then
     * a service rate, not a demand (see {@link Workload}).
     */
    public boolean closedLoop() {
        return workload.closedLoop();
    }

    /**
     * The latency one inference at {@code op} stays under with the configured confidence, from
     * the current estimates (the figure the selection checks a latency budget against), in ms.
     */
    public double latencyBoundMs(int op) {
        return profile.latencyMs(op) * quantileFactor(op);
    }

    /** Per operating point, the expected share of single inferences over {@code budgetMs} (0 without a budget). */
    private void lateShares(double budgetMs, double[] into) {
        for (int i = 0; i < into.length; i++) {
            int u = space.unitOf(i);
            double typical = profile.latencyMs(i) * unitScale[u];
            into[i] = Double.isNaN(budgetMs) ? 0 : spread.exceedance(i, typical, Math.log(budgetMs / typical));
        }
    }

    /** Per operating point, the factor on its profiled latency that one inference stays under with the confidence. */
    private void quantiles(double[] into) {
        for (int u = 0; u < unitScale.length; u++) {
            SlowdownFilter lf = latency[filterOf(u)];
            unitScale[u] = Math.exp(lf.logMean() + lf.logSlope());
            unitState[u] = z * z * lf.logVariance();
        }
        for (int i = 0; i < into.length; i++) {
            int u = space.unitOf(i);
            double tail = spread.tail(i, profile.latencyMs(i) * unitScale[u], z);
            into[i] = unitScale[u] * Math.exp(Math.sqrt(unitState[u] + tail * tail));
        }
    }

    private double quantileFactor(int op) {
        SlowdownFilter lf = latency[filterOf(space.unitOf(op))];
        double m = lf.logMean() + lf.logSlope();
        double typical = profile.latencyMs(op) * Math.exp(m);
        double tail = spread.tail(op, typical, z);
        return Math.exp(m + Math.sqrt(z * z * lf.logVariance() + tail * tail));
    }

    private boolean[] updateLatency(Observation observation) {
        int filters = latency.length;
        double[] sum = new double[filters];
        int[] count = new int[filters];
        boolean[] measuredUnit = new boolean[space.units().size()];
        for (Observation.Segment s : observation.segments()) {
            int unit = space.unitOf(s.op());
            int f = filterOf(unit);
            double expected = profile.latencyMs(s.op());
            double segSum = 0;
            int n = 0;
            for (double t : s.latenciesMs()) {
                if (t > 0 && Double.isFinite(t)) {
                    segSum += Math.log(t / expected);
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            measuredUnit[unit] = true;
            sum[f] += segSum;
            count[f] += n;
            // Spread around each segment's own mean: a profile error of one point is not noise.
            spread.add(s.op(), s.latenciesMs());
        }
        spread.endPeriod();
        for (int f = 0; f < filters; f++) {
            if (count[f] == 0) {
                latency[f].coast();
                continue;
            }
            double mean = sum[f] / count[f];
            latency[f].update(mean, Math.max(spread.global(), 1e-6) / count[f]);
        }
        refine(observation);
        return measuredUnit;
    }

    private void refine(Observation observation) {
        if (config.refineWeight() <= 0) {
            return;
        }
        for (Observation.Segment s : observation.segments()) {
            SlowdownFilter f = latency[filterOf(space.unitOf(s.op()))];
            if (f.jumped() || f.logVariance() > 4 * spread.global() || s.latenciesMs().length == 0) {
                continue;
            }
            double logSum = 0;
            for (double t : s.latenciesMs()) {
                logSum += Math.log(t);
            }
            double typical = Math.exp(logSum / s.latenciesMs().length) / f.factor();
            profile.refine(s.op(), typical, Double.NaN, config.refineWeight());
        }
    }

    private Decision probe(Decision decision, Budget budget, double perPeriod) {
        // Also when the budget looks infeasible: a stale, pessimistic estimate may be why.
        if (config.probeEvery() <= 0 || perPeriod < 2) {
            return decision;
        }
        int main = decision.primary();
        int current = space.unitOf(main);
        // The probe takes one inference, or the place of the split's second point.
        double share = decision.isSplit() ? decision.primaryShare() : 1 - 1 / Math.floor(perPeriod);
        for (int u = 0; u < space.units().size(); u++) {
            // Only an estimate that says the unit is slowed or draws more can be stale in a way
            // that keeps the controller away from it; an unmoved unit's profile is trusted.
            SlowdownFilter pf = power.filter(u);
            boolean powerStale = pf.logMean() + zAvg * Math.sqrt(pf.logVariance()) >= STALE_LOG_SLOWDOWN;
            boolean stale = latency[filterOf(u)].logMean() >= STALE_LOG_SLOWDOWN || powerStale;
            if (u == current || period - lastSeen[u] < config.probeEvery() || !stale) {
                continue;
            }
            // In order: a point safe under the unit's present estimate that costs the objective
            // nothing; one safe under that estimate at a lower k (one inference's accuracy); and,
            // less often, one safe under the profile (late or over the cap only if the
            // interference is still there). Without the last two, a tight budget under a stale
            // estimate left a unit unmeasured for good. A power reading learns about the probed
            // unit in proportion to its share of the period (one inference in five amplified the
            // sensor's noise tenfold and hid the end of a power interference for dozens of
            // periods), so a unit whose power is stale is probed, every few periods, with half.
            double half = Math.floor(perPeriod / 2) / Math.floor(perPeriod);
            boolean strong = powerStale && half < share && period - lastRiskyProbe[u] >= RISKY_PROBE_EVERY;
            int best = -1;
            double probeShare = share;
            for (int tier = 0; tier < 3 && best < 0; tier++) {
                if (tier == 2 && period - lastRiskyProbe[u] < RISKY_PROBE_EVERY) {
                    break;
                }
                if (strong) {
                    best = probePoint(u, main, half, budget, tier);
                    probeShare = half;
                }
                if (best < 0) {
                    best = probePoint(u, main, share, budget, tier);
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

    /**
     * The probe point of unit {@code u} at {@code tier}: 0 latency-safe under the estimate and, for
     * max-accuracy, no fewer groups than the main point; 1 latency-safe under the estimate at any
     * k; 2 safe under the profile (no slow-down or power factor on the unit). Every tier keeps the
     * period's power cap, energy budget and accuracy floor. -1 when none.
     */
    private int probePoint(int u, int main, double share, Budget budget, int tier) {
        boolean minEnergy = budget.objective() == Objective.MIN_ENERGY;
        int best = -1;
        for (int i = 0; i < space.size(); i++) {
            // For max-accuracy a probe never runs fewer groups than the period's main point where
            // it can help it: measuring a unit must not cost the objective (after a release,
            // probes at k < 4 kept some inferences below full accuracy).
            if (space.unitOf(i) != u || !allowed[i] || !probeKeepsBudget(i, main, share, budget, tier == 2)
                    || (tier == 0 && !minEnergy && profile.accuracyPercent(i) < profile.accuracyPercent(main))) {
                continue;
            }
            // The cheapest inference, not the least power: the lowest clock draws least but
            // takes longest (a k=4 probe at the A15's 200 MHz cost 51 mJ in an energy budget).
            double acc = profile.accuracyPercent(i);
            double cost = selector.lastEnergyMj(i);
            boolean better = best < 0 || (minEnergy
                    ? cost < selector.lastEnergyMj(best) || (cost == selector.lastEnergyMj(best)
                            && acc > profile.accuracyPercent(best))
                    : acc > profile.accuracyPercent(best) || (acc == profile.accuracyPercent(best)
                            && cost < selector.lastEnergyMj(best)));
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
    private boolean probeKeepsBudget(int probe, int main, double share, Budget budget, boolean underProfile) {
        if (underProfile) {
            double typical = profile.latencyMs(probe);
            if (typical * Math.exp(spread.tail(probe, typical, z)) > budget.latencyMs()) {
                return false;
            }
        } else if ((selector.lastMask(probe) & Constraint.LATENCY.bit()) != 0) {
            return false;
        }
        // Under the profile, the probe's own power carries no factor either.
        double probePower = selector.lastPowerW(probe) / (underProfile ? powF[space.unitOf(probe)] : 1);
        double power = share * selector.lastPowerW(main) + (1 - share) * probePower;
        double energy = share * selector.lastEnergyMj(main) + (1 - share) * selector.lastEnergyMj(probe);
        double accuracy = share * profile.accuracyPercent(main) + (1 - share) * profile.accuracyPercent(probe);
        return !(power > budget.powerW()) && !(energy > budget.energyMj()) && !(accuracy < budget.minAccuracyPercent());
    }

    /**
     * The unit's threads could not be moved there (affinity failed): never choose it again.
     */
    public void markUnitUnavailable(int unit) {
        for (int i = 0; i < space.size(); i++) {
            if (space.unitOf(i) == unit) {
                allowed[i] = false;
            }
        }
    }

    /**
     * The unit's frequency cannot be changed: only operating points at {@code frequencyKHz}
     * (where it stays) remain possible on it.
     */
    public void pinFrequency(int unit, long frequencyKHz) {
        for (int i = 0; i < space.size(); i++) {
            if (space.unitOf(i) == unit && space.point(i).frequencyKHz() != frequencyKHz) {
                allowed[i] = false;
            }
        }
    }

    /** The latency slow-down filter of {@code unit} (shared by all units with a global estimate). */
    public SlowdownFilter latencyFilter(int unit) {
        return latency[filterOf(unit)];
    }

    /** The power slow-down filter of {@code unit}. */
    public SlowdownFilter powerFilter(int unit) {
        return power.filter(unit);
    }

    /** The learnt variance of the log latency of single inferences, all points pooled. */
    public double latencySpread() {
        return spread.global();
    }

    /** The learnt variance of the log latency of single inferences at {@code op}, as the latency bound uses it. */
    public double latencySpread(int op) {
        SlowdownFilter lf = latency[filterOf(space.unitOf(op))];
        return spread.at(op, profile.latencyMs(op) * Math.exp(lf.logMean() + lf.logSlope()));
    }

    /** The profile as refined so far. */
    public Profile profile() {
        return profile;
    }
}
