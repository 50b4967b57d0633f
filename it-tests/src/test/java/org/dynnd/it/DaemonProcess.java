package org.dynnd.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution's {@code bin/dynnd run} as a child process on the emulated Odroid XU3, exactly
 * as a user starts it: a configuration file, a socket path, nothing else. Its output goes to a log
 * file the tests read; it is stopped with SIGTERM, and killed when it does not stop.
 */
final class DaemonProcess implements AutoCloseable {

    /** How long a start may take on a loaded 2-core machine (the JVM, PyTorch and a host reference run). */
    static final long START_TIMEOUT_MS = 120_000;

    private final Path home;
    private final Process process;
    private final Path log;

    private DaemonProcess(Path home, Process process, Path log) {
        this.home = home;
        this.process = process;
        this.log = log;
    }

    /**
     * The configuration every test daemon runs with: the emulated board, its runtime and cache
     * folders under {@code home}, and a short control period so a budget takes effect within a
     * second. {@code extraYaml} is appended (whole top-level sections the defaults lack).
     */
    static Path writeConfig(Path home, String extraYaml) throws IOException {
        String yaml = "platform:\n  name: emulated:odroid-xu3\n"
                + "daemon:\n  runtime_dir: " + home.resolve("run") + "\n  cache_dir: " + home.resolve("cache") + "\n"
                + "governor:\n  period_ms: 300\n" + extraYaml;
        return Files.writeString(home.resolve("dynnd.yaml"), yaml);
    }

    /** Starts {@code dynnd run --config home/dynnd.yaml --socket home/dynnd.sock} and waits until it accepts. */
    static DaemonProcess start(Path home) throws IOException, InterruptedException {
        DaemonProcess daemon = launch(home, List.of(), List.of("--socket", socket(home).toString()));
        daemon.awaitSocket();
        return daemon;
    }

    /**
     * Starts {@code prefix... dynnd run --config home/dynnd.yaml extraArgs...} without waiting: a
     * wrapper such as systemd-socket-activate may hold the daemon back until the first connection.
     */
    static DaemonProcess launch(Path home, List<String> prefix, List<String> extraArgs) throws IOException {
        if (!Files.exists(home.resolve("dynnd.yaml"))) {
            writeConfig(home, "");
        }
        List<String> command = new ArrayList<>(prefix);
        command.add(Command.distribution().resolve("bin/dynnd").toString());
        command.addAll(List.of("run", "--config", home.resolve("dynnd.yaml").toString()));
        command.addAll(extraArgs);
        Path log = home.resolve("daemon-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        return new DaemonProcess(home, process, log);
    }

    static Path socket(Path home) {
        return home.resolve("dynnd.sock");
    }

    Path socket() {
        return socket(home);
    }

    Path runtimeDir() {
        return home.resolve("run");
    }

    /** The emulated board's sysfs tree. */
    Path sysfsRoot() {
        return runtimeDir().resolve("emulated-odroid-xu3");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the daemon printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Waits until a connection to the socket succeeds (the daemon listens only once it is ready). */
    void awaitSocket() throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("dynnd exited with " + process.exitValue() + " while starting:\n" + output());
            }
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(socket()));
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("dynnd did not accept on " + socket() + " within " + START_TIMEOUT_MS + " ms:\n" + output());
    }

    /** Waits until the log contains {@code text}. */
    void awaitOutput(String text, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!output().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("dynnd did not print '" + text + "' within " + timeoutMs + " ms:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Sends a signal by name (TERM, HUP, KILL) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Command kill = Command.run(home, Path.of("/bin/kill"), "-s", name, Long.toString(pid()));
        if (kill.exitCode() != 0) {
            throw new AssertionError("kill -s " + name + " " + pid() + ": " + kill.stderr());
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int waitFor(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("dynnd (pid " + pid() + ") did not exit within " + timeoutMs + " ms:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, then the exit code; a daemon that does not stop within 30 s fails the test (and is killed). */
    int stop() throws IOException, InterruptedException {
        if (process.isAlive()) {
            ProcessHandle.of(pid()).ifPresent(h -> {
                // ProcessHandle.destroy() is SIGTERM on Linux.
                h.destroy();
            });
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("dynnd did not stop within 30 s of SIGTERM:\n" + output());
            }
        }
        return process.exitValue();
    }

    /** CPU time the daemon used so far (user and system), ms, from /proc/PID/stat. */
    long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th, stime the 13th.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
    }

    /** Open file descriptors of the daemon, from /proc. */
    int openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) fds.count();
        }
    }

    /** Resident memory in KiB (VmRSS of /proc/PID/status). */
    long residentKiB() throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid()), "status"));
        Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        if (!m.find()) {
            throw new AssertionError("no VmRSS in /proc/" + pid() + "/status");
        }
        return Long.parseLong(m.group(1));
    }

    /** Stops the daemon if it still runs: SIGTERM, then SIGKILL after 30 s. Never throws on the way. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
