package org.dynnd.governor.baseline;

import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.control.Quantiles;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;

/**
 * ALERT (Wan, Santriaji, Rogers, Hoffmann, Lu: "ALERT: Accurate Learning for Energy and
 * Timeliness", USENIX ATC 2020), written from the paper's description (its source was not
 * available here; the filter's noises below are this class's choices, not the paper's):
 * <ul>
 *   <li>the candidates are every DNN x resource setting: here every k of the grouped model on
 *       every (unit, frequency); one candidate per period, no split;
 *   <li>one global slow-down xi (measured latency over profiled latency, all units alike),
 *       tracked by a scalar Kalman filter that gives its mean and variance; the variance of a
 *       single inference's xi adds the spread of single ratios within a period;
 *   <li>each candidate's probability of meeting the deadline T is Pr(xi·t <= T) =
 *       Phi((T/t - mean) / sd), and its expected accuracy is that probability x its accuracy
 *       plus the rest x the accuracy of a missed deadline, a random guess (10 % for CIFAR-10's
 *       ten classes, the grouped model's data set);
 *   <li>power is the candidate's profiled average power x one global power factor, tracked the
 *       same way from the readings;
 *   <li>max-accuracy: the most expected accuracy within the power cap and energy budget (then the
 *       least energy); min-energy: the least energy per inference whose expected accuracy meets
 *       the floor (without a floor: 0.99 of the candidate's own accuracy, i.e. the deadline met
 *       with 99 %) within the power cap; when nothing qualifies, the least power (max-accuracy)
 *       or the most expected accuracy (min-energy).
 * </ul>
 */
public final class AlertPolicy implements Policy {

    /** Accuracy of an inference that missed its deadline: a random guess among ten classes. */
    static final double MISSED_ACCURACY = 10.0;
    private static final double PROCESS_NOISE = 1e-3;
    private static final double SPREAD_WEIGHT = 0.1;

    private final Profile profile;
    private final OpSpace space;
    private final Scalar latency = new Scalar(1, 0.01);
    private final Scalar power = new Scalar(1, 0.01);
    private double singleVariance = 0.0025;
    private double powerReadingVariance = 1e-3;
    private double lastPowerRatio = Double.NaN;
    private double requestsPerMs;
    private Decision previous;

    /** A random-walk Kalman filter of one factor. */
    private static final class Scalar {
        double mean;
        double variance;

        Scalar(double mean, double variance) {
            this.mean = mean;
            this.variance = variance;
        }

        void update(double z, double r) {
            double prior = variance + PROCESS_NOISE;
            double k = prior / (prior + r);
            mean += k * (z - mean);
            variance = (1 - k) * prior;
        }
    }

    /** @param initialRequestsPerMs the request rate assumed before any inference was measured */
    public AlertPolicy(Profile profile, double initialRequestsPerMs) {
        this.profile = profile;
        this.space = profile.space();
        this.requestsPerMs = initialRequestsPerMs;
    }

    @Override
    public String name() {
        return "alert";
    }

    @Override
    public Decision decide(Observation last, PeriodTruth truth) {
        learn(last);
        Decision d = Decision.single(choose(last.budget()));
        previous = d;
        return d;
    }

    private void learn(Observation last) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        double busyMs = 0;
        double busyPower = 0;
        for (Observation.Segment s : last.segments()) {
            for (double t : s.latenciesMs()) {
                double ratio = t / profile.latencyMs(s.op());
                sum += ratio;
                sumSq += ratio * ratio;
                n++;
                busyMs += t;
                busyPower += t * profile.busyPowerW(s.op());
            }
        }
        if (n > 0) {
            requestsPerMs = n / last.periodMs();
            double mean = sum / n;
            if (n > 1) {
                double v = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
                singleVariance += SPREAD_WEIGHT * (v - singleVariance);
            }
            latency.update(mean, Math.max(singleVariance, 1e-6) / n);
        }
        if (previous != null && n > 0 && Double.isFinite(last.powerW()) && last.powerW() > 0) {
            double idleMs = Math.max(0, last.periodMs() - busyMs);
            double expected = (busyPower + idleMs * profile.idlePowerW(previous.primary())) / last.periodMs();
            double ratio = last.powerW() / expected;
            if (!Double.isNaN(lastPowerRatio)) {
                double d = ratio - lastPowerRatio;
                powerReadingVariance += SPREAD_WEIGHT * (d * d / 2 - powerReadingVariance);
            }
            lastPowerRatio = ratio;
            power.update(ratio, Math.max(powerReadingVariance, 1e-5));
        }
    }

    private int choose(Budget budget) {
        double sd = Math.sqrt(latency.variance + singleVariance);
        boolean maxAccuracy = budget.objective() == Objective.MAX_ACCURACY;
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        double bestEnergy = Double.POSITIVE_INFINITY;
        int fallback = -1;
        double fallbackValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < space.size(); i++) {
            double t = profile.latencyMs(i);
            double util = requestsPerMs * t * latency.mean;
            double busy = Math.min(1, util);
            double watts = (busy * profile.busyPowerW(i) + (1 - busy) * profile.idlePowerW(i)) * power.mean;
            double energy = watts / Math.min(requestsPerMs, requestsPerMs / Math.max(util, 1e-12));
            double meet = util > 1 ? 0
                    : Double.isNaN(budget.latencyMs()) ? 1 : phi((budget.latencyMs() / t - latency.mean) / sd);
            double accuracy = profile.accuracyPercent(i);
            double expected = meet * accuracy + (1 - meet) * MISSED_ACCURACY;
            boolean withinPower = !(watts > budget.powerW()) && !(energy > budget.energyMj());
            double floor = Double.isNaN(budget.minAccuracyPercent()) ? 0.99 * accuracy : budget.minAccuracyPercent();
            boolean qualifies = withinPower && util <= 1 && (maxAccuracy || expected >= floor);
            double value = maxAccuracy ? expected : -energy;
            if (qualifies && (value > bestValue + 1e-12 || (value >= bestValue - 1e-12 && energy < bestEnergy))) {
                best = i;
                bestValue = value;
                bestEnergy = energy;
            }
            double rescue = maxAccuracy ? -watts : expected;
            if (rescue > fallbackValue) {
                fallback = i;
                fallbackValue = rescue;
            }
        }
        return best >= 0 ? best : fallback;
    }

    /** The standard normal distribution function. */
    static double phi(double x) {
        return Quantiles.normalCdf(x);
    }
}
