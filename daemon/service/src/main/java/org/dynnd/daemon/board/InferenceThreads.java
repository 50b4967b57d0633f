package org.dynnd.daemon.board;

import org.dynnd.daemon.config.ConfigException;
import java.util.concurrent.Executors;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynnd.governor.actuate.LibcAffinity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the inference threads and tells the actuators which kernel threads run inference: the
 * inference threads themselves and the native intra-op workers they started ({@link NativeWorkers}),
 * so that moving inference to another unit moves all of its work with {@code sched_setaffinity}.
 */
public final class InferenceThreads implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceThreads.class);
    static final String NAME = "dynnd-inference";

    private final LibcAffinity libc;
    private final NativeWorkers workers;
    private final List<Integer> tids = new CopyOnWriteArrayList<>();
    private final Set<String> comms = new CopyOnWriteArraySet<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean procErrorLogged = new AtomicBoolean();

    InferenceThreads(LibcAffinity libc, NativeWorkers workers) {
        this.libc = libc;
        this.workers = workers;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            int tid = libc.currentThreadId();
            comms.add(commOf(tid));
            tids.add(tid);
            try {
                work.run();
            } finally {
                tids.remove(Integer.valueOf(tid));
            }
        }, NAME + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** The kernel's name of this thread: what its native workers will inherit. */
    private String commOf(int tid) {
        try {
            return workers.comm(tid);
        } catch (IOException e) {
            return NativeWorkers.commOf(Thread.currentThread().getName());
        }
    }

    /** The ids of the inference threads alive now and of the native workers they started. */
    List<Integer> threadIds() {
        Set<Integer> all = new LinkedHashSet<>(tids);
        for (String comm : comms) {
            try {
                all.addAll(workers.named(comm));
            } catch (IOException e) {
                if (procErrorLogged.compareAndSet(false, true)) {
                    LOG.warn("cannot list this process's threads ({}): PyTorch's worker threads stay where they are", e.toString());
                }
            }
        }
        return List.copyOf(all);
    }

    /** Work that may refuse the configuration or fail on a file. */
    public interface StartupWork<T> {
        T call() throws ConfigException, IOException;
    }

    /** Runs {@code work} on a new inference thread and waits for it; its exceptions are thrown here. */
    public <T> T callOnInferenceThread(StartupWork<T> work) throws ConfigException, IOException {
        java.util.concurrent.ExecutorService one = Executors.newSingleThreadExecutor(this);
        try {
            return one.submit(work::call).get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException c) {
                throw c;
            } else if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException r) {
                throw r;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calibrating", e);
        } finally {
            one.shutdownNow();
        }
    }
}
