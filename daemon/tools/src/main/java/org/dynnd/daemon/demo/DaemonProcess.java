package org.dynnd.daemon.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The daemon as a child process of the demo: the distribution's {@code bin/dynnd run} with a
 * generated configuration, its output in a log file. Stopped with SIGTERM, as systemd stops it.
 */
final class DaemonProcess implements AutoCloseable {

    private final Process process;
    private final Path socket;
    private final Path log;

    private DaemonProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** Starts {@code launcher run --config config}, writing its output to {@code log}. */
    static DaemonProcess start(Path launcher, Path config, Path socket, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "run", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The demo's own settings must not leak into the child (a systemd notify socket, say).
        builder.environment().remove("NOTIFY_SOCKET");
        builder.environment().remove("LISTEN_FDS");
        builder.environment().remove("LISTEN_PID");
        return new DaemonProcess(builder.start(), socket, log);
    }

    /**
     * Waits until the daemon listens on its socket.
     *
     * @throws IOException when it exits first or does not listen within {@code timeoutS}
     */
    void awaitSocket(double timeoutS) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                throw new IOException("the daemon exited with code " + process.exitValue() + " before listening on "
                        + socket + "; its log: " + log + lastLines());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the daemon did not listen on " + socket + " within " + (long) timeoutS
                        + " s; its log: " + log + lastLines());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Sends SIGTERM and waits for the exit.
     *
     * @return the exit code
     * @throws IOException when the daemon does not exit within {@code timeoutS} (it is then killed)
     */
    int stop(double timeoutS) throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor((long) (timeoutS * 1000), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("the daemon did not exit within " + (long) timeoutS + " s of SIGTERM and was killed;"
                    + " its log: " + log);
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "" : "; last line: " + lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
