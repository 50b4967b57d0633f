package org.dynnd.governor.baseline;

import org.dynnd.governor.control.ControllerConfig;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.control.Quantiles;
import org.dynnd.governor.control.Selector;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;

/**
 * A reference, not a bound: dynnd's own selection fed with perfect estimates. It knows the board's
 * true profile and the true slow-down of every unit in the coming period, and picks with the same
 * selection rules, margins and confidence as dynnd. It does not know the coming noise draws, so
 * it keeps dynnd's margins for them, and dynnd can beat it (by luck of the draws or by its
 * hysteresis). What dynnd loses against it is estimation loss alone; the true upper bound is
 * {@link OraclePolicy}.
 */
public final class ClairvoyantEstimatesPolicy implements Policy {

    /** Its name in results. */
    public static final String NAME = "clairvoyant-estimates";

    private final Selector selector;
    private final OpSpace space;
    private final ControllerConfig config;
    private final double z;
    private final double zAvg;

    /** @param truth the board's true profile; {@code config} gives confidence and precedence */
    public ClairvoyantEstimatesPolicy(Profile truth, ControllerConfig config) {
        this.selector = new Selector(truth);
        this.space = truth.space();
        this.config = config;
        this.z = Quantiles.normal(config.confidence());
        this.zAvg = Quantiles.normal(config.averageConfidence());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation last, PeriodTruth truth) {
        double[] lf = truth.latencyFactor();
        double[] q = new double[space.size()];
        double[] m = new double[lf.length];
        double spreadOfMean = truth.latencySigma() / Math.sqrt(Math.max(1, truth.requestsPerPeriod()));
        for (int u = 0; u < lf.length; u++) {
            m[u] = lf[u] * Math.exp(zAvg * spreadOfMean);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = lf[space.unitOf(i)] * Math.exp(z * truth.latencySigma());
        }
        return selector.select(new Selector.Input(q, m, truth.powerFactor(), truth.requestsPerMs(),
                truth.requestsPerPeriod(), last.budget(), config.precedence(), config.allowSplit(), null));
    }
}
