package org.dynnd.daemon.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dynnd.governor.actuate.LibcAffinity;
import org.dynnd.models.runtime.DynamicModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real PyTorch, real threads, real {@code sched_setaffinity}: the intra-op workers an inference
 * thread started are found and moved with it, and read back from {@code /proc/self/task/TID/status}.
 */
class InferenceThreadsPinningTest {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** The shipped model: a real grouped network whose convolutions PyTorch parallelises. */
    private static final Path BUNDLE = Path.of("../..", "models", "zoo", "alexnet-g4-fmnist");

    private final LibcAffinity libc = new LibcAffinity();
    private final InferenceThreads threads = new InferenceThreads(libc, new NativeWorkers(TASKS));
    private DynamicModel model;
    private ExecutorService inference;

    @BeforeEach
    void open() throws Exception {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("two CPUs to move between").isGreaterThanOrEqualTo(2);
        model = DynamicModel.open(BUNDLE);
        // Two intra-op threads: PyTorch's OpenMP team is the inference thread and one worker.
        model.setThreads(2);
        inference = Executors.newSingleThreadExecutor(threads);
    }

    @AfterEach
    void close() {
        if (inference != null) {
            inference.shutdownNow();
        }
        if (model != null) {
            model.close();
        }
    }

    private void infer() throws Exception {
        inference.submit(() -> {
            for (int i = 0; i < 5; i++) {
                model.classify(new byte[32 * 32 * 3], 4);
            }
        }).get();
    }

    /** {@code Cpus_allowed_list} of every thread of this process called {@code comm}, by thread id. */
    private static Map<Integer, String> allowedCpus(String comm) throws IOException {
        Map<Integer, String> out = new TreeMap<>();
        for (int tid : new NativeWorkers(TASKS).named(comm)) {
            for (String line : Files.readAllLines(TASKS.resolve(tid + "/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    out.put(tid, line.substring(line.indexOf(':') + 1).strip());
                }
            }
        }
        return out;
    }

    private void pin(List<Integer> tids, int cpu) throws Exception {
        for (int tid : tids) {
            libc.set(tid, Set.of(cpu));
        }
    }

    @Test
    void pytorchWorkersAreFoundAndFollowTheInferenceThreadFromCpuToCpu() throws Exception {
        infer();
        List<Integer> found = threads.threadIds();
        Map<Integer, String> before = allowedCpus(InferenceThreads.NAME);
        assertThat(before.keySet()).as("the inference thread and PyTorch's workers it started").hasSizeGreaterThan(1)
                .containsExactlyInAnyOrderElementsOf(found);

        // The inference thread alone moved, as before: its workers stay where they were born.
        int javaThread = inference.submit(libc::currentThreadId).get();
        pin(List.of(javaThread), 0);
        infer();
        Map<Integer, String> leaked = allowedCpus(InferenceThreads.NAME);
        assertThat(leaked.get(javaThread)).isEqualTo("0");
        assertThat(leaked).as("workers not moved keep the mask they were created with").containsValue(before.values()
                .stream().filter(v -> !v.equals("0")).findFirst().orElseThrow());

        pin(threads.threadIds(), 0);
        infer();
        assertThat(allowedCpus(InferenceThreads.NAME)).as("all on CPU 0").allSatisfy((tid, cpus) -> assertThat(cpus).isEqualTo("0"));

        pin(threads.threadIds(), 1);
        infer();
        Map<Integer, String> after = allowedCpus(InferenceThreads.NAME);
        assertThat(after).as("all moved to CPU 1").hasSizeGreaterThan(1)
                .allSatisfy((tid, cpus) -> assertThat(cpus).isEqualTo("1"));
    }

    @Test
    void commIsTheJavaNameCutTo15Bytes() throws Exception {
        int tid = inference.submit(libc::currentThreadId).get();
        assertThat(new NativeWorkers(TASKS).comm(tid)).isEqualTo("dynnd-inference");
        assertThat(NativeWorkers.commOf("dynnd-inference-1")).isEqualTo("dynnd-inference");
        assertThat(NativeWorkers.commOf("short")).isEqualTo("short");
    }
}
