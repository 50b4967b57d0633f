package org.dynnd.governor.control;

import java.util.Arrays;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;

/**
 * dynnd's closed-loop controller. Once per period the daemon (or the simulator) hands it what
 * was measured; it updates its estimates, refines the profile, and answers with the next
 * operating point or split. It touches no hardware: actuation is the caller's job, and a knob the
 * actuators could not move is reported back through {@link #markUnitUnavailable} or
 * {@link #pinFrequency}.
 *
 * <p>Each period: the {@link LatencyEstimate} and {@link PowerEstimate} (one filter per compute
 * unit: interference on the big cluster does not slow the LITTLE one) and the {@link Workload}
 * learn from the measurements; they fill one {@link PeriodEstimates}; every point's figures under
 * it and the budget are one {@link PointEvaluation}, from which the {@link Selector} chooses and
 * the {@link StaleUnitProbe} may take a share to measure a unit again. {@link #preview} runs the
 * same steps on its own record and learns nothing.
 *
 * <p>Thread-safe: every public method holds the controller's own lock, so the control loop, a
 * client's preview, a reload and an actuator's failure report may call it from different
 * threads, and no caller locks it.
 */
public final class Controller {

    /** What {@link #preview} answers: the decision, and the latency bound its primary point was checked against. */
    public record Preview(Decision decision, double latencyBoundMs) {}

    private final Object lock = new Object();
    private final OpSpace space;
    private final Profile profile;
    private ControllerConfig config;
    private final Selector selector;
    private final LatencyEstimate latency;
    private final PowerEstimate power;
    private final Workload workload;
    private final StaleUnitProbe probe;
    private final boolean[] allowed;
    private final PeriodEstimates estimates;
    private final PointEvaluation points;
    private double zAvg;
    private long period;
    /** The length of the last period observed, in ms (NaN before the first). */
    private double periodMs = Double.NaN;
    private Decision previous;

    /** @param profile the calibrated profile; the controller refines a copy of it */
    public Controller(Profile profile, ControllerConfig config) {
        this.profile = profile.copy();
        this.space = profile.space();
        this.config = config;
        this.selector = new Selector(this.profile);
        latency = new LatencyEstimate(this.profile, config);
        power = new PowerEstimate(this.profile, config);
        workload = new Workload(config.initialRequestsPerSecond() / 1000.0);
        probe = new StaleUnitProbe(this.profile, latency, power);
        allowed = new boolean[space.size()];
        Arrays.fill(allowed, true);
        estimates = new PeriodEstimates(space.size(), space.units().size());
        points = new PointEvaluation(this.profile);
        zAvg = NormalQuantile.of(config.averageConfidence());
    }

    /**
     * Takes new settings (confidence, precedence, hysteresis bands) from the next decision on,
     * keeping everything learnt; a reloaded daemon configuration arrives here. The shape of the
     * estimator ({@code perUnit}) is fixed at construction.
     */
    public void reconfigure(ControllerConfig next) {
        synchronized (lock) {
            if (next.perUnit() != config.perUnit()) {
                throw new IllegalArgumentException("perUnit cannot change on a running controller");
            }
            config = next;
            latency.confidence(next.confidence());
            zAvg = NormalQuantile.of(next.averageConfidence());
        }
    }

    /** The settings in force. */
    public ControllerConfig config() {
        synchronized (lock) {
            return config;
        }
    }

    /** Takes one period's measurements and returns the decision for the next period. */
    public Decision decide(Observation observation) {
        synchronized (lock) {
            period++;
            periodMs = observation.periodMs();
            boolean[] measured = latency.observe(observation, config.refineWeight());
            power.update(observation, config.refineWeight());
            workload.observe(observation);
            probe.seen(measured, period);
            estimate(estimates);
            Budget budget = observation.budget();
            Decision decision = select(estimates, points, budget, previous);
            decision = probe.probe(decision, budget, estimates, points, allowed, period, config.probeEvery(), zAvg);
            previous = decision;
            return decision;
        }
    }

    /**
     * What the controller would choose for {@code budget} now, from its current estimates and for
     * a period as long as the last one observed, without learning anything or changing its state:
     * the answer to a client that asks whether a budget is feasible before (or instead of) holding
     * it. It is the decision's selection without the previous choice's hysteresis and without a
     * probe. Before any period was observed, shares are not rounded to whole inferences.
     */
    public Preview preview(Budget budget) {
        synchronized (lock) {
            PeriodEstimates own = new PeriodEstimates(space.size(), space.units().size());
            estimate(own);
            Decision d = select(own, new PointEvaluation(profile), budget, null);
            return new Preview(d, latency.boundMs(d.primary()));
        }
    }

    /** Fills {@code into} from the estimators, for a period of {@link #periodMs}. */
    private void estimate(PeriodEstimates into) {
        double requestsPerMs = workload.requestsPerMs();
        double perPeriod = Double.isNaN(periodMs) ? 0 : requestsPerMs * periodMs;
        latency.fill(into, zAvg, perPeriod);
        for (int u = 0; u < into.powerFactor.length; u++) {
            into.powerFactor[u] = power.upperFactor(u, zAvg);
        }
        into.workload(requestsPerMs, perPeriod, workload.closedLoopShare());
    }

    /** The selection for {@code budget} under {@code est}, whose figures it evaluates into {@code figures}. */
    private Decision select(PeriodEstimates est, PointEvaluation figures, Budget budget, Decision kept) {
        Selector.Input input = est.input(budget, config, allowed, false);
        figures.evaluate(input);
        Decision decision = kept == null ? selector.select(input, figures, -1, -1, 0, 0)
                : selector.select(input, figures, kept.primary(), kept.secondary(), config.accuracyBand(),
                        config.energyBand());
        if (decision.unmet().contains(Constraint.LATENCY)) {
            // No point meets the latency with the confidence: give it up by expected late share, so
            // that points about as late leave the choice to the constraints after latency.
            latency.lateShares(est, budget.latencyMs());
            decision = selector.select(est.input(budget, config, allowed, true), figures, -1, -1, 0, 0);
        }
        return decision;
    }

    /**
     * Whether the client is taken to wait on the service (a closed loop): the rate measured is then
     * a service rate, not a demand (see {@link Workload}).
     */
    public boolean closedLoop() {
        synchronized (lock) {
            return workload.closedLoop();
        }
    }

    /**
     * The latency one inference at {@code op} stays under with the configured confidence, from
     * the current estimates (the figure the selection checks a latency budget against), in ms.
     */
    public double latencyBoundMs(int op) {
        synchronized (lock) {
            return latency.boundMs(op);
        }
    }

    /**
     * The unit's threads could not be moved there (affinity failed): never choose it again.
     */
    public void markUnitUnavailable(int unit) {
        synchronized (lock) {
            for (int i = 0; i < space.size(); i++) {
                if (space.unitOf(i) == unit) {
                    allowed[i] = false;
                }
            }
        }
    }

    /**
     * The unit's frequency cannot be changed: only operating points at {@code frequencyKHz}
     * (where it stays) remain possible on it.
     */
    public void pinFrequency(int unit, long frequencyKHz) {
        synchronized (lock) {
            for (int i = 0; i < space.size(); i++) {
                if (space.unitOf(i) == unit && space.point(i).frequencyKHz() != frequencyKHz) {
                    allowed[i] = false;
                }
            }
        }
    }

    /** The learnt variance of the log latency of single inferences, all points pooled. */
    public double latencySpread() {
        synchronized (lock) {
            return latency.globalSpread();
        }
    }

    /** The learnt variance of the log latency of single inferences at {@code op}, as the latency bound uses it. */
    public double latencySpread(int op) {
        synchronized (lock) {
            return latency.spreadAt(op);
        }
    }

    /** A copy of the profile as refined so far (the controller goes on refining its own). */
    public Profile profile() {
        synchronized (lock) {
            return profile.copy();
        }
    }
}
