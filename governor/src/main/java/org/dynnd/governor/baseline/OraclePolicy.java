package org.dynnd.governor.baseline;

import java.util.EnumSet;
import java.util.List;
import org.dynnd.governor.control.Budget;
import org.dynnd.governor.control.Constraint;
import org.dynnd.governor.control.Decision;
import org.dynnd.governor.control.Objective;
import org.dynnd.governor.control.Observation;
import org.dynnd.governor.control.Precedence;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.profile.Profile;
import org.dynnd.governor.sim.PeriodTruth;
import org.dynnd.governor.sim.Policy;

/**
 * The dynamic oracle, an upper bound: it knows the coming period completely (every unit's true
 * slow-down and power factor, and every inference's noise draw and preemption) and tries every
 * decision the {@link org.dynnd.governor.sim.Simulator} can carry out: each operating point alone,
 * and each ordered pair (a, b) of distinct points with j = 0..n-1 of the period's n inferences on
 * a (the first j, as the simulator runs them) and the rest on b. For each it computes the period's
 * outcome exactly as the simulator will, and keeps the least in this order:
 * <ol>
 *   <li>the violations, in the precedence's order: a period over the power cap (0 or 1), the
 *       inferences over the latency budget (0..n), a period over the energy budget, a period
 *       under the accuracy floor;
 *   <li>then the objective: for max-accuracy the most accuracy, then the least energy; for
 *       min-energy the least energy, then the most accuracy.
 * </ol>
 *
 * <p>Why this is a bound. Periods do not interact in the simulator (nothing queues from one period
 * to the next), so a run's totals are sums of per-period outcomes. Minimal per period in a
 * lexicographic order means minimal in that order for the sums: no policy has a lexicographically
 * smaller vector of totals (over the periods of one objective). In particular no policy is at
 * least as good on every total — power-cap periods, late inferences, energy-budget periods,
 * accuracy-floor periods, accuracy, energy — and better on one (see {@link
 * org.dynnd.governor.sim.RunTotals#dominates}); that is what "no policy beats the oracle" means.
 * A policy can still have more accuracy or less energy than the oracle by breaking more
 * constraints.
 *
 * <p>The search is exhaustive: N + N(N-1)n outcomes a period, each in constant time from prefix
 * sums (late inferences are prefix counts unless the period overloads and every latency stretches).
 */
public final class OraclePolicy implements Policy {

    /** Its name in results. */
    public static final String NAME = "oracle";

    private final Profile truth;
    private final OpSpace space;
    private final List<Constraint> order;
    private final double[] time;
    private final double[] busyPower;
    private final double[] idlePower;
    private final double[] accuracy;
    private int[][] lateBefore = new int[0][];
    private int[] firstLate = new int[0];
    private int[] lastLate = new int[0];
    private double[] factorBefore = new double[1];
    private double[] addedBefore = new double[1];
    // The period being searched.
    private Budget budget;
    private double periodMs;
    private double[] factor;
    private double[] added;
    private int n;
    // The best outcome so far, and the candidate's.
    private final int[] bestViolations = new int[4];
    private final int[] violations = new int[4];
    private double bestAccuracy;
    private double bestEnergy;
    private int bestA;
    private int bestB;
    private int bestJ;
    private boolean found;

    /** @param truth the board's true profile; {@code precedence} orders the violations */
    public OraclePolicy(Profile truth, Precedence precedence) {
        this.truth = truth;
        this.space = truth.space();
        this.order = precedence.order();
        int size = space.size();
        time = new double[size];
        busyPower = new double[size];
        idlePower = new double[size];
        accuracy = new double[size];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation last, PeriodTruth now) {
        budget = last.budget();
        periodMs = now.periodMs();
        factor = now.noiseFactor();
        added = now.addedMs();
        n = factor.length;
        int size = space.size();
        for (int a = 0; a < size; a++) {
            int u = space.unitOf(a);
            time[a] = truth.latencyMs(a) * now.latencyFactor()[u];
            busyPower[a] = truth.busyPowerW(a) * now.powerFactor()[u];
            idlePower[a] = truth.idlePowerW(a) * now.powerFactor()[u];
            accuracy[a] = truth.accuracyPercent(a);
        }
        prefixes(size);
        found = false;
        for (int a = 0; a < size; a++) {
            consider(a, a, n);
        }
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                if (b == a || cannotWin(a, b)) {
                    continue;
                }
                // Against a best that breaks nothing, only splits with no late inference can win:
                // the first j on a must all be in time, and all after them on b (a stretch by
                // overload only makes more late).
                boolean clean = clean();
                int from = clean ? lastLate[b] + 1 : 0;
                int to = clean ? Math.min(n - 1, firstLate[a]) : n - 1;
                for (int j = from; j <= to; j++) {
                    consider(a, b, j);
                }
            }
        }
        return decision();
    }

    /**
     * Whether no split of (a, b) can beat the best so far: only decided when the best breaks no
     * constraint, so a winner must break none either and do better on the objective. Its accuracy
     * is at most n x the better point's; its energy at least what each inference costs busy at the
     * cheaper of the two (idle time only adds).
     */
    private boolean clean() {
        for (int c = 0; c < 4; c++) {
            if (bestViolations[c] > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean cannotWin(int a, int b) {
        if (!clean()) {
            return false;
        }
        double mostAccuracy = Math.max(accuracy[a], accuracy[b]) * n;
        double leastEnergy = Math.min(time[a] * busyPower[a], time[b] * busyPower[b]) * factorBefore[n]
                + Math.min(busyPower[a], busyPower[b]) * addedBefore[n];
        // Margins of a millionth keep rounding from pruning a real winner.
        boolean energyCannotWin = leastEnergy > bestEnergy * (1 + 1e-6);
        if (budget.objective() == Objective.MAX_ACCURACY) {
            return mostAccuracy < bestAccuracy * (1 - 1e-6)
                    || (mostAccuracy <= bestAccuracy && energyCannotWin);
        }
        return energyCannotWin;
    }

    private void prefixes(int size) {
        if (factorBefore.length < n + 1) {
            factorBefore = new double[n + 1];
            addedBefore = new double[n + 1];
        }
        for (int i = 0; i < n; i++) {
            factorBefore[i + 1] = factorBefore[i] + factor[i];
            addedBefore[i + 1] = addedBefore[i] + added[i];
        }
        if (lateBefore.length != size || lateBefore[0].length < n + 1) {
            lateBefore = new int[size][n + 1];
        }
        if (firstLate.length != size) {
            firstLate = new int[size];
            lastLate = new int[size];
        }
        double limit = budget.latencyMs();
        for (int a = 0; a < size; a++) {
            int[] late = lateBefore[a];
            for (int i = 0; i < n; i++) {
                // The same expression as the simulator's, so that a borderline inference counts alike.
                double t = time[a] * factor[i] + added[i];
                late[i + 1] = late[i] + (t > limit ? 1 : 0);
            }
            firstLate[a] = n;
            lastLate[a] = -1;
            for (int i = 0; i < n; i++) {
                if (late[i + 1] > late[i]) {
                    firstLate[a] = Math.min(firstLate[a], i);
                    lastLate[a] = i;
                }
            }
        }
    }

    /** The outcome of the first {@code j} inferences on {@code a} and the rest on {@code b}; kept if the best. */
    private void consider(int a, int b, int j) {
        boolean maxAccuracy = budget.objective() == Objective.MAX_ACCURACY;
        boolean clean = found && clean();
        double accuracySum = j * accuracy[a] + (n - j) * accuracy[b];
        // Against a best that breaks nothing, a worse objective cannot win whatever it breaks.
        if (clean && maxAccuracy && accuracySum < bestAccuracy) {
            return;
        }
        double busyA = time[a] * factorBefore[j] + addedBefore[j];
        double busyB = time[b] * (factorBefore[n] - factorBefore[j]) + (addedBefore[n] - addedBefore[j]);
        double busy = busyA + busyB;
        double energy = busyA * busyPower[a] + busyB * busyPower[b];
        if (busy <= periodMs) {
            energy += (periodMs - busy) * idlePower[a];
        }
        if (clean && (maxAccuracy ? accuracySum == bestAccuracy && energy >= bestEnergy : energy > bestEnergy)) {
            return;
        }
        int late = busy > periodMs ? stretchedLate(a, b, j, busy / periodMs)
                : lateBefore[a][j] + lateBefore[b][n] - lateBefore[b][j];
        for (int c = 0; c < 4; c++) {
            violations[c] = switch (order.get(c)) {
                case POWER -> energy / periodMs > budget.powerW() * (1 + 1e-9) ? 1 : 0;
                case LATENCY -> late;
                case ENERGY -> n > 0 && energy / n > budget.energyMj() * (1 + 1e-9) ? 1 : 0;
                case ACCURACY -> n > 0 && accuracySum / n < budget.minAccuracyPercent() - 1e-9 ? 1 : 0;
            };
        }
        if (!found || better(accuracySum, energy)) {
            found = true;
            System.arraycopy(violations, 0, bestViolations, 0, 4);
            bestAccuracy = accuracySum;
            bestEnergy = energy;
            bestA = a;
            bestB = b;
            bestJ = j;
        }
    }

    private int stretchedLate(int a, int b, int j, double stretch) {
        double limit = budget.latencyMs();
        int late = 0;
        for (int i = 0; i < n; i++) {
            double t = (i < j ? time[a] : time[b]) * factor[i] + added[i];
            if (t * stretch > limit) {
                late++;
            }
        }
        return late;
    }

    private boolean better(double accuracySum, double energy) {
        for (int c = 0; c < 4; c++) {
            if (violations[c] != bestViolations[c]) {
                return violations[c] < bestViolations[c];
            }
        }
        boolean maxAccuracy = budget.objective() == Objective.MAX_ACCURACY;
        double first = maxAccuracy ? bestAccuracy - accuracySum : energy - bestEnergy;
        if (first != 0) {
            return first < 0;
        }
        return maxAccuracy ? energy < bestEnergy : accuracySum > bestAccuracy;
    }

    private Decision decision() {
        EnumSet<Constraint> unmet = EnumSet.noneOf(Constraint.class);
        for (int c = 0; c < 4; c++) {
            if (bestViolations[c] > 0) {
                unmet.add(order.get(c));
            }
        }
        double power = bestEnergy / periodMs;
        double energyPerInference = n > 0 ? bestEnergy / n : Double.NaN;
        double meanAccuracy = n > 0 ? bestAccuracy / n : accuracy[bestA];
        if (bestA == bestB || bestJ == n) {
            return new Decision(bestA, -1, 1.0, unmet.isEmpty(), unmet, power, energyPerInference, meanAccuracy);
        }
        return new Decision(bestA, bestB, bestJ / (double) n, unmet.isEmpty(), unmet, power, energyPerInference,
                meanAccuracy);
    }
}
