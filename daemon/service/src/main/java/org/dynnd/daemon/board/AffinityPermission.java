package org.dynnd.daemon.board;

import org.dynnd.daemon.config.ConfigException;
import org.dynnd.governor.actuate.KnobException;
import org.dynnd.governor.actuate.LibcAffinity;

/** Whether this process may move threads between CPUs, found out before the first budget needs it. */
public final class AffinityPermission {

    private AffinityPermission() {}

    /**
     * Task mapping moves the inference threads with {@code sched_setaffinity}; where it is
     * forbidden (a seccomp filter such as systemd's {@code SystemCallFilter=~@resources}), every
     * unit would be marked unusable at the first budget. Setting this thread's own affinity to
     * what it is finds that out at start, where it can be said in one line.
     */
    public static void require(LibcAffinity libc) throws ConfigException {
        int tid = libc.currentThreadId();
        try {
            libc.set(tid, libc.get(tid));
        } catch (KnobException e) {
            throw new ConfigException("cannot set the CPU affinity of a thread (" + e.getMessage() + "): task mapping"
                    + " needs sched_setaffinity; under systemd, the unit's SystemCallFilter= must allow it (the"
                    + " packaged dynnd.service does), in a container its seccomp profile");
        }
    }
}
