package org.dynnd.daemon.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynnd.governor.actuate.LibcAffinity;

/**
 * Makes the inference threads and remembers their kernel thread ids, which the actuators move
 * from unit to unit with {@code sched_setaffinity}.
 */
final class InferenceThreads implements ThreadFactory {

    private final LibcAffinity libc;
    private final List<Integer> tids = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    InferenceThreads(LibcAffinity libc) {
        this.libc = libc;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            int tid = libc.currentThreadId();
            tids.add(tid);
            try {
                work.run();
            } finally {
                tids.remove(Integer.valueOf(tid));
            }
        }, "dynnd-inference-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** The ids of the inference threads alive now. */
    List<Integer> threadIds() {
        return List.copyOf(tids);
    }
}
