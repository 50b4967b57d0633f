package org.dynnd.governor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dynnd.governor.control.Objective;

/**
 * Random scenarios drawn from a documented distribution, in portable terms (budgets relative to
 * the board, {@link UnitNames portable unit names}), so that one family serves every board. The
 * same (family, count, seed) always gives the same scenarios; scenario i is drawn from the i-th
 * split of a {@link SplittableRandom} seeded with the seed, so the first scenarios of a larger
 * count are the same. U(a, b) is uniform, logU(a, b) log-uniform.
 *
 * <p>{@code mixed}: 600 periods of 100 ms, settling window 3, accuracies 68 / 77.5 / 81 / 83 % for
 * k = 1..4.
 * <ul>
 *   <li>load U(0.1, 0.6); objective max-accuracy with probability 0.7, else min-energy;
 *   <li>budgets: 1, 2 or 3 steps (equally likely), the first at period 0, the others at distinct
 *       multiples of 10 in 100..500; each step: a latency budget logU(1.2, 4) x the fastest
 *       full-model latency with probability 0.85, a power cap at U(0.15, 0.9) (0 = the least
 *       average power of any point, 1 = the full model at maximum performance) with probability
 *       0.35; for min-energy an accuracy floor U(70, 82.5) % with probability 0.6 and an energy
 *       budget U(1, 2) x the least full-model energy with probability 0.2;
 *   <li>interference: episodes one after another, the first starting at U(50, 150), each lasting
 *       U(20, 120) periods with a quiet gap of U(30, 150) after it, while the episode ends 30
 *       periods before the run does; each on {@code fastest} (probability 0.5), {@code slowest}
 *       (0.25), {@code big} or {@code little} (0.125 each); a third raise only latency, by
 *       U(1.3, 2.5), a third only power, by U(1.15, 1.6), a third both (U(1.3, 2.5), U(1.1, 1.4));
 *       each ends with the unit's factors back at 1;
 *   <li>noise: latency sigma U(0.02, 0.25), power sigma U(0.01, 0.1); with probability 0.5
 *       preemptions of probability U(0.002, 0.02) per inference holding it up U(0.5, 3) x the
 *       fastest full-model latency.
 * </ul>
 *
 * <p>{@code lockout}: the small family of the no-lock-out test. 300 periods, max-accuracy, load
 * U(0.2, 0.5), a latency budget logU(1.3, 2.5) for the whole run; one episode on {@code fastest}
 * from period 50 to 110: scenario i raises only latency (i mod 3 = 0, by U(1.5, 2.5)), only power
 * (1, by U(1.3, 1.8), under a power cap at U(0.4, 0.8)), or both (2); latency sigma 0.05, power
 * sigma 0.02.
 */
public final class ScenarioFamily {

    /** The family names. */
    public static final List<String> NAMES = List.of("mixed", "lockout");

    private static final double[] ACCURACY = {68.0, 77.5, 81.0, 83.0};
    private static final double NONE = Double.NaN;

    private final String name;

    /** @param name one of {@link #NAMES} */
    public ScenarioFamily(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown scenario family '" + name + "'; known: " + NAMES);
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The first {@code count} scenarios of the family under {@code seed}. */
    public List<Scenario> draw(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("a family draw needs a count of at least 1, got " + count);
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<Scenario> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom r = root.split();
            String id = name + "-" + seed + "-" + i;
            out.add(name.equals("mixed") ? mixed(id, r) : lockout(id, i, r));
        }
        return out;
    }

    private static double u(SplittableRandom r, double a, double b) {
        return a + (b - a) * r.nextDouble();
    }

    private static double logU(SplittableRandom r, double a, double b) {
        return Math.exp(u(r, Math.log(a), Math.log(b)));
    }

    private static Scenario mixed(String id, SplittableRandom r) {
        int periods = 600;
        double load = u(r, 0.1, 0.6);
        Objective objective = r.nextDouble() < 0.7 ? Objective.MAX_ACCURACY : Objective.MIN_ENERGY;
        int steps = 1 + r.nextInt(3);
        java.util.TreeSet<Integer> at = new java.util.TreeSet<>();
        at.add(0);
        while (at.size() < steps) {
            at.add(10 * (10 + r.nextInt(41)));
        }
        List<Scenario.BudgetStep> budgets = new ArrayList<>();
        for (int p : at) {
            double latencyX = r.nextDouble() < 0.85 ? logU(r, 1.2, 4) : NONE;
            double powerX = r.nextDouble() < 0.35 ? u(r, 0.15, 0.9) : NONE;
            double floor = NONE;
            double energyX = NONE;
            if (objective == Objective.MIN_ENERGY) {
                floor = r.nextDouble() < 0.6 ? u(r, 70, 82.5) : NONE;
                energyX = r.nextDouble() < 0.2 ? u(r, 1, 2) : NONE;
            }
            budgets.add(new Scenario.BudgetStep(p, 0,
                    new Scenario.BudgetSpec(NONE, latencyX, NONE, energyX, NONE, powerX, floor, objective)));
        }
        List<Scenario.InterferenceStep> interference = new ArrayList<>();
        int t = (int) u(r, 50, 150);
        while (true) {
            int length = (int) u(r, 20, 120);
            if (t + length > periods - 30) {
                break;
            }
            double pick = r.nextDouble();
            String unit = pick < 0.5 ? "fastest" : pick < 0.75 ? "slowest" : pick < 0.875 ? "big" : "little";
            int kind = r.nextInt(3);
            double lf = kind == 1 ? 1 : u(r, 1.3, 2.5);
            double pf = kind == 0 ? 1 : kind == 1 ? u(r, 1.15, 1.6) : u(r, 1.1, 1.4);
            interference.add(new Scenario.InterferenceStep(t, 0, unit, lf, pf));
            interference.add(new Scenario.InterferenceStep(t + length, 0, unit, 1, 1));
            t += length + (int) u(r, 30, 150);
        }
        double latencySigma = u(r, 0.02, 0.25);
        double powerSigma = u(r, 0.01, 0.1);
        boolean spikes = r.nextDouble() < 0.5;
        Scenario.Noise noise = spikes ? new Scenario.Noise(latencySigma, powerSigma, u(r, 0.002, 0.02), u(r, 0.5, 3))
                : new Scenario.Noise(latencySigma, powerSigma);
        return new Scenario(id, "drawn from the mixed family", periods, 100, load, ACCURACY, budgets, interference,
                noise, List.of(), 3);
    }

    private static Scenario lockout(String id, int index, SplittableRandom r) {
        double load = u(r, 0.2, 0.5);
        double latencyX = logU(r, 1.3, 2.5);
        int kind = index % 3;
        double lf = kind == 1 ? 1 : u(r, 1.5, 2.5);
        double pf = kind == 0 ? 1 : u(r, 1.3, 1.8);
        double powerX = kind == 1 ? u(r, 0.4, 0.8) : NONE;
        List<Scenario.BudgetStep> budgets = List.of(new Scenario.BudgetStep(0, 0,
                new Scenario.BudgetSpec(NONE, latencyX, NONE, NONE, NONE, powerX, NONE, Objective.MAX_ACCURACY)));
        List<Scenario.InterferenceStep> interference = List.of(new Scenario.InterferenceStep(50, 0, "fastest", lf, pf),
                new Scenario.InterferenceStep(110, 0, "fastest", 1, 1));
        return new Scenario(id, "drawn from the lockout family", 300, 100, load, ACCURACY, budgets, interference,
                new Scenario.Noise(0.05, 0.02), List.of(), 3);
    }
}
