package org.dynnd.daemon.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thread lookup by name, on a task folder laid out as /proc/self/task is. */
class NativeWorkersTest {

    @TempDir
    Path tasks;

    private void task(int tid, String comm) throws Exception {
        Files.createDirectories(tasks.resolve(Integer.toString(tid)));
        Files.writeString(tasks.resolve(tid + "/comm"), comm + "\n");
    }

    @Test
    void findsEveryThreadOfTheNameAndNoOther() throws Exception {
        task(100, "java");
        task(101, "dynnd-inference");
        task(102, "dynnd-inference");
        task(103, "dynnd-control");
        task(104, "java");
        Files.createDirectories(tasks.resolve("105")); // ended between listing and reading: no comm
        Files.createDirectories(tasks.resolve("self"));
        NativeWorkers workers = new NativeWorkers(tasks);
        assertThat(workers.named("dynnd-inference")).containsExactlyInAnyOrder(101, 102);
        assertThat(workers.named("java")).containsExactlyInAnyOrder(100, 104);
        assertThat(workers.comm(103)).isEqualTo("dynnd-control");
    }

    @Test
    void aNameIsCutTo15BytesAsTheKernelDoes() {
        assertThat(NativeWorkers.commOf("dynnd-inference-12")).isEqualTo("dynnd-inference").hasSize(15);
        assertThat(NativeWorkers.commOf("dynnd-arbiter")).isEqualTo("dynnd-arbiter");
    }
}
