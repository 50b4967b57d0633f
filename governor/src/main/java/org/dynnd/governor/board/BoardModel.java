package org.dynnd.governor.board;

import java.util.List;
import org.dynnd.governor.op.ComputeUnit;
import org.dynnd.governor.op.OpSpace;
import org.dynnd.governor.op.OperatingPoint;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.governor.profile.Profile;

/**
 * A board's latency and power for any operating point, from its facts (frequency and voltage
 * tables, P = C·V²·f + static per unit) and a model's cost. The measured rails are every unit's
 * rail plus {@code basePowerW} (memory, the rest of the SoC); units not running inference idle
 * at their lowest frequency, as the governor leaves them.
 *
 * @param name the board's name as the command line spells it
 * @param units the compute units and their physics
 * @param basePowerW power of the measured rails that no unit accounts for, in W
 * @param fullModelMacs multiply-accumulates of one inference of the full model (k = G)
 */
public record BoardModel(String name, List<UnitModel> units, double basePowerW, double fullModelMacs) {

    public BoardModel {
        units = List.copyOf(units);
        if (units.isEmpty()) {
            throw new IllegalArgumentException("board " + name + " needs at least one unit");
        }
    }

    /** The OP space of this board for a model with group counts {@code ks}. */
    public OpSpace opSpace(int[] ks) {
        return new OpSpace(units.stream().map(UnitModel::unit).toList(), ks);
    }

    public List<ComputeUnit> computeUnits() {
        return units.stream().map(UnitModel::unit).toList();
    }

    private double othersIdleW(int unit) {
        double sum = basePowerW;
        for (int u = 0; u < units.size(); u++) {
            if (u != unit) {
                sum += units.get(u).idleW(0);
            }
        }
        return sum;
    }

    private int freqIndex(OperatingPoint op) {
        long[] freqs = units.get(op.unit()).unit().frequenciesKHz();
        int f = java.util.Arrays.binarySearch(freqs, op.frequencyKHz());
        if (f < 0) {
            throw new IllegalArgumentException(op.frequencyKHz() + " kHz is not an available frequency of "
                    + units.get(op.unit()).unit().name());
        }
        return f;
    }

    /** Interference-free latency of one inference at {@code op} with relative cost {@code cost}, in ms. */
    public double latencyMs(OperatingPoint op, double relativeCost) {
        return units.get(op.unit()).latencyMs(fullModelMacs * relativeCost, freqIndex(op));
    }

    /** Power of the measured rails while inference runs at {@code op}, in W. */
    public double busyPowerW(OperatingPoint op) {
        return units.get(op.unit()).busyW(freqIndex(op)) + othersIdleW(op.unit());
    }

    /** Power of the measured rails while the unit of {@code op} idles at its frequency, in W. */
    public double idlePowerW(OperatingPoint op) {
        return units.get(op.unit()).idleW(freqIndex(op)) + othersIdleW(op.unit());
    }

    /** The exact, interference-free profile of {@code model} on this board. */
    public Profile profile(OpSpace space, ModelProfile model) {
        int n = space.size();
        double[] latency = new double[n];
        double[] busy = new double[n];
        double[] idle = new double[n];
        double[] accuracy = new double[n];
        for (int i = 0; i < n; i++) {
            OperatingPoint op = space.point(i);
            latency[i] = latencyMs(op, model.costOf(op.k()));
            busy[i] = busyPowerW(op);
            idle[i] = idlePowerW(op);
            accuracy[i] = model.accuracyOf(op.k());
        }
        return new Profile(space, latency, busy, idle, accuracy);
    }
}
