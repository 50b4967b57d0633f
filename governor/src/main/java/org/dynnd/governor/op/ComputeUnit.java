package org.dynnd.governor.op;

import java.util.Arrays;
import java.util.List;

/**
 * One place inference can run: a CPU cluster (a cpufreq policy) or a GPU (a devfreq device).
 *
 * @param name short name such as {@code a15}, {@code a7} or {@code gpu}
 * @param kind cluster or GPU
 * @param cpus the CPUs inference threads are pinned to (for a GPU: the CPUs driving it)
 * @param frequenciesKHz the available frequencies, ascending, in kHz
 */
public record ComputeUnit(String name, UnitKind kind, List<Integer> cpus, long[] frequenciesKHz) {

    public ComputeUnit {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("compute unit name must not be blank");
        }
        cpus = List.copyOf(cpus);
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("compute unit " + name + ": needs at least one CPU");
        }
        frequenciesKHz = frequenciesKHz.clone();
        if (frequenciesKHz.length == 0) {
            throw new IllegalArgumentException("compute unit " + name + ": needs at least one frequency");
        }
        for (int i = 0; i < frequenciesKHz.length; i++) {
            if (frequenciesKHz[i] <= 0 || (i > 0 && frequenciesKHz[i] <= frequenciesKHz[i - 1])) {
                throw new IllegalArgumentException("compute unit " + name
                        + ": frequencies must be positive and strictly ascending, got "
                        + Arrays.toString(frequenciesKHz));
            }
        }
    }

    /** The number of cores; the intra-op thread count of inference on this unit. */
    public int coreCount() {
        return cpus.size();
    }

    /** The highest available frequency in kHz. */
    public long maxFrequencyKHz() {
        return frequenciesKHz[frequenciesKHz.length - 1];
    }

    /** The lowest available frequency in kHz. */
    public long minFrequencyKHz() {
        return frequenciesKHz[0];
    }

    @Override
    public long[] frequenciesKHz() {
        return frequenciesKHz.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComputeUnit u && u.name.equals(name) && u.kind == kind && u.cpus.equals(cpus)
                && Arrays.equals(u.frequenciesKHz, frequenciesKHz);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(frequenciesKHz);
    }

    @Override
    public String toString() {
        return name + "(" + kind + ", cpus " + cpus + ", " + frequenciesKHz.length + " frequencies)";
    }
}
