package org.dynnd.governor.actuate;

import java.util.Set;

/** The CPU affinity of one thread (a Linux thread id): {@code sched_getaffinity}/{@code sched_setaffinity}. */
public interface AffinitySyscalls {

    /** The CPUs thread {@code tid} may run on. */
    Set<Integer> get(int tid) throws KnobException;

    /** Restricts thread {@code tid} to {@code cpus}. */
    void set(int tid, Set<Integer> cpus) throws KnobException;
}
