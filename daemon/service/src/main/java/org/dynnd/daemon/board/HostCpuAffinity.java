package org.dynnd.daemon.board;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dynnd.governor.actuate.AffinitySyscalls;
import org.dynnd.governor.actuate.KnobException;

/**
 * Affinity on an emulated board: the board's CPUs do not exist here, so each emulated unit's CPUs
 * are mapped onto a share of the host's — the units are spread over the host's CPUs in order, and
 * share them when there are more units than host CPUs. Threads moved to a unit really run on its
 * host CPUs, so a co-runner on those CPUs really slows them.
 */
final class HostCpuAffinity implements AffinitySyscalls {

    private final AffinitySyscalls host;
    private final List<Set<Integer>> boardCpusByUnit;
    private final int hostCpus;

    HostCpuAffinity(AffinitySyscalls host, List<Set<Integer>> boardCpusByUnit, int hostCpus) {
        this.host = host;
        this.boardCpusByUnit = List.copyOf(boardCpusByUnit);
        this.hostCpus = Math.max(1, hostCpus);
    }

    /** The host CPUs unit {@code unit} runs on. */
    Set<Integer> hostCpusOf(int unit) {
        int units = boardCpusByUnit.size();
        Set<Integer> cpus = new TreeSet<>();
        if (units >= hostCpus) {
            cpus.add(unit % hostCpus);
        } else {
            int per = hostCpus / units;
            for (int c = unit * per; c < (unit + 1) * per; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    @Override
    public Set<Integer> get(int tid) throws KnobException {
        return host.get(tid);
    }

    @Override
    public void set(int tid, Set<Integer> boardCpus) throws KnobException {
        for (int u = 0; u < boardCpusByUnit.size(); u++) {
            if (boardCpusByUnit.get(u).equals(boardCpus)) {
                host.set(tid, hostCpusOf(u));
                return;
            }
        }
        // A set of board CPUs that is no unit's (the original affinity being restored): the host's own.
        host.set(tid, boardCpus.stream().allMatch(c -> c < hostCpus) ? boardCpus : hostCpusOf(0));
    }
}
