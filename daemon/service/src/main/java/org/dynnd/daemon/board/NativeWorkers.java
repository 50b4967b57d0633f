package org.dynnd.daemon.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the native worker threads an inference thread started. PyTorch's intra-op pool (OpenMP,
 * the libgomp shipped with DJL's native library) creates its workers from the thread that first
 * runs a parallel region; Linux gives a new thread its creator's name ({@code comm}) and CPU mask,
 * but moving the creator later does not move them. Seen on the running daemon: the workers are
 * called {@code dynnd-inference} like the inference thread (the JVM sets a thread's {@code comm}
 * to its Java name, cut to 15 bytes), while the one a tool thread created is called {@code java}.
 */
final class NativeWorkers {

    /** The longest {@code comm} Linux keeps (TASK_COMM_LEN less the terminating zero). */
    static final int COMM_BYTES = 15;

    private final Path tasks;

    /** @param tasks the process's task folder, {@code /proc/self/task} */
    NativeWorkers(Path tasks) {
        this.tasks = tasks;
    }

    /** The {@code comm} of thread {@code tid}. */
    String comm(int tid) throws IOException {
        return Files.readString(tasks.resolve(Integer.toString(tid)).resolve("comm"), StandardCharsets.UTF_8).strip();
    }

    /** The ids of this process's threads called {@code comm}. */
    List<Integer> named(String comm) throws IOException {
        List<Integer> found = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                int tid;
                try {
                    tid = Integer.parseInt(task.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                try {
                    if (comm(tid).equals(comm)) {
                        found.add(tid);
                    }
                } catch (NoSuchFileException e) {
                    // The thread ended between the listing and the read.
                }
            }
        }
        return found;
    }

    /** The {@code comm} Linux gives a thread named {@code name} (its first 15 bytes). */
    static String commOf(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= COMM_BYTES ? name : new String(bytes, 0, COMM_BYTES, StandardCharsets.UTF_8);
    }
}
