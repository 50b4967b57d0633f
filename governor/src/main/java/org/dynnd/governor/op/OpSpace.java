package org.dynnd.governor.op;

import java.util.ArrayList;
import java.util.List;

/**
 * The operating-point space: every (k, unit, frequency) of a model's group counts on a
 * platform's compute units. Points are numbered densely so that profiles and the controller can
 * keep per-point values in plain arrays (the controller scans them every period).
 */
public final class OpSpace {

    private final List<ComputeUnit> units;
    private final int[] ks;
    private final List<OperatingPoint> points;
    private final int[] kOf;
    private final int[] unitOf;
    private final int[] freqIndexOf;

    /**
     * @param units the platform's compute units
     * @param ks the model's group counts, ascending (for example 1, 2, 3, 4)
     */
    public OpSpace(List<ComputeUnit> units, int[] ks) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("an OP space needs at least one compute unit");
        }
        if (ks.length == 0) {
            throw new IllegalArgumentException("an OP space needs at least one group count k");
        }
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] < 1 || (i > 0 && ks[i] <= ks[i - 1])) {
                throw new IllegalArgumentException("group counts must be positive and ascending");
            }
        }
        this.units = List.copyOf(units);
        this.ks = ks.clone();
        List<OperatingPoint> all = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            long[] freqs = units.get(u).frequenciesKHz();
            for (int f = 0; f < freqs.length; f++) {
                for (int k : ks) {
                    all.add(new OperatingPoint(k, u, freqs[f]));
                    meta.add(new int[] {k, u, f});
                }
            }
        }
        this.points = List.copyOf(all);
        this.kOf = new int[all.size()];
        this.unitOf = new int[all.size()];
        this.freqIndexOf = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            kOf[i] = meta.get(i)[0];
            unitOf[i] = meta.get(i)[1];
            freqIndexOf[i] = meta.get(i)[2];
        }
    }

    public int size() {
        return points.size();
    }

    public OperatingPoint point(int index) {
        return points.get(index);
    }

    public List<OperatingPoint> points() {
        return points;
    }

    public List<ComputeUnit> units() {
        return units;
    }

    public ComputeUnit unit(int index) {
        return units.get(index);
    }

    public int[] ks() {
        return ks.clone();
    }

    public int maxK() {
        return ks[ks.length - 1];
    }

    /** The position of {@code k} in {@link #ks()}. */
    public int kIndex(int k) {
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == k) {
                return i;
            }
        }
        throw new IllegalArgumentException("k=" + k + " is not one of the model's group counts");
    }

    public int k(int index) {
        return kOf[index];
    }

    public int unitOf(int index) {
        return unitOf[index];
    }

    public int frequencyIndex(int index) {
        return freqIndexOf[index];
    }

    /** The index of an operating point, or -1 when it is not in this space. */
    public int indexOf(OperatingPoint op) {
        if (op.unit() >= units.size()) {
            return -1;
        }
        long[] freqs = units.get(op.unit()).frequenciesKHz();
        int f = java.util.Arrays.binarySearch(freqs, op.frequencyKHz());
        if (f < 0) {
            return -1;
        }
        int kIdx;
        try {
            kIdx = kIndex(op.k());
        } catch (IllegalArgumentException e) {
            return -1;
        }
        int base = 0;
        for (int u = 0; u < op.unit(); u++) {
            base += units.get(u).frequenciesKHz().length * ks.length;
        }
        return base + f * ks.length + kIdx;
    }

    /** The index of the unit named {@code name}, or -1. */
    public int unitIndex(String name) {
        for (int u = 0; u < units.size(); u++) {
            if (units.get(u).name().equals(name)) {
                return u;
            }
        }
        return -1;
    }
}
