package org.dynnd.daemon.emulation;

import java.util.List;

/**
 * A compute unit of an emulated board as its sysfs tree shows it.
 *
 * @param name the unit's name in the board model ({@code a15}, {@code gpu})
 * @param cpus the CPUs of a cluster (for a GPU, the CPUs that drive it)
 * @param frequenciesKHz the available frequencies, ascending
 * @param cpufreqPolicy the policy folder of a CPU cluster ({@code policy4}), or null for a GPU
 * @param devfreq the devfreq folder of a GPU relative to the sysfs root, or null for a CPU cluster
 */
public record EmulatedUnit(String name, List<Integer> cpus, long[] frequenciesKHz, String cpufreqPolicy, String devfreq) {

    public EmulatedUnit {
        cpus = List.copyOf(cpus);
        frequenciesKHz = frequenciesKHz.clone();
    }

    public boolean cpu() {
        return cpufreqPolicy != null;
    }

    public long minKHz() {
        return frequenciesKHz[0];
    }

    public long maxKHz() {
        return frequenciesKHz[frequenciesKHz.length - 1];
    }

    @Override
    public long[] frequenciesKHz() {
        return frequenciesKHz.clone();
    }
}
