package org.dynnd.daemon.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dynnd.governor.actuate.AffinitySyscalls;
import org.junit.jupiter.api.Test;

class HostCpuAffinityTest {

    /** Records what the host was asked; the real syscall is exercised by the governor's tests. */
    static final class Recording implements AffinitySyscalls {
        final Map<Integer, Set<Integer>> set = new HashMap<>();

        @Override
        public Set<Integer> get(int tid) {
            return set.getOrDefault(tid, Set.of(0, 1));
        }

        @Override
        public void set(int tid, Set<Integer> cpus) {
            set.put(tid, cpus);
        }
    }

    @Test
    void theXu3ClustersGetOneHostCpuEachOnATwoCoreHost() throws Exception {
        Recording host = new Recording();
        HostCpuAffinity affinity = new HostCpuAffinity(host, List.of(Set.of(0, 1, 2, 3), Set.of(4, 5, 6, 7)), 2);
        affinity.set(10, Set.of(4, 5, 6, 7));
        assertThat(host.set.get(10)).containsExactly(1);
        affinity.set(10, Set.of(0, 1, 2, 3));
        assertThat(host.set.get(10)).containsExactly(0);
    }

    @Test
    void unitsShareTheHostsCpusWhenThereAreMoreCpus() throws Exception {
        Recording host = new Recording();
        HostCpuAffinity affinity = new HostCpuAffinity(host, List.of(Set.of(0, 1, 2, 3), Set.of(4, 5, 6, 7)), 8);
        assertThat(affinity.hostCpusOf(0)).containsExactly(0, 1, 2, 3);
        assertThat(affinity.hostCpusOf(1)).containsExactly(4, 5, 6, 7);
        affinity.set(3, Set.of(0, 1));
        assertThat(host.set.get(3)).as("an original affinity of host CPUs is restored as it was").containsExactlyInAnyOrder(0, 1);
    }
}
