package org.dynnd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A minimal Debian 12 booted with systemd as its PID 1 under {@code systemd-nspawn}, for testing
 * the package as a user meets it. The root file system is made once with {@code debootstrap}
 * from this machine's Debian mirror and kept in a cache folder outside the checkout; each boot
 * runs on a fresh copy of it, removed again by {@link #close()}.
 *
 * <p>What boots in a sandbox without a PID-1 systemd of its own: {@code systemd-nspawn -b} with
 * {@code --register=no --keep-unit} (no machined, no scope of its own), given a terminal by
 * {@code script}, in a session of its own ({@code setsid}); commands then run inside through
 * {@code nsenter} into every namespace of the container's init.
 */
final class BootedDebian implements AutoCloseable {

    static final Path CACHE = Path.of(System.getProperty("dynnd.it.rootfs-cache", "/var/cache/dynnd-it"));
    private static final String PACKAGES = "systemd,systemd-sysv,dbus,openjdk-17-jre-headless";
    private static final Path ROOTFS = CACHE.resolve("bookworm-systemd-jre17");

    private final Path root;
    private final Process console;
    private final long init;

    private BootedDebian(Path root, Process console, long init) {
        this.root = root;
        this.console = console;
        this.init = init;
    }

    /** Why this machine cannot boot one, or empty when it can try. */
    static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("systemd-nspawn and debootstrap need root");
        }
        for (String tool : List.of("/usr/bin/systemd-nspawn", "/usr/sbin/debootstrap", "/usr/bin/nsenter", "/usr/bin/script",
                "/usr/bin/setsid")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return Optional.of(tool + " is not installed (packages systemd-container, debootstrap, util-linux)");
            }
        }
        return Optional.empty();
    }

    /**
     * The cached root file system, made when it is missing (a few minutes, from the network).
     *
     * @throws IOException with debootstrap's last lines when it fails
     */
    static Path rootfs() throws IOException, InterruptedException {
        if (Files.isExecutable(ROOTFS.resolve("usr/lib/jvm/java-17-openjdk-amd64/bin/java"))
                || Files.isExecutable(ROOTFS.resolve("usr/lib/jvm/java-17-openjdk-arm64/bin/java"))) {
            return ROOTFS;
        }
        Files.createDirectories(CACHE);
        Path partial = CACHE.resolve(ROOTFS.getFileName() + ".partial");
        run(List.of("rm", "-rf", partial.toString()), 60);
        Command made = run(List.of("debootstrap", "--variant=minbase", "--include=" + PACKAGES, "bookworm",
                partial.toString(), mirror()), 900);
        if (made.exitCode() != 0) {
            throw new IOException("debootstrap failed (exit " + made.exitCode() + "): " + tail(made.stdout() + made.stderr()));
        }
        run(List.of("rm", "-rf", ROOTFS.toString()), 60);
        Files.move(partial, ROOTFS);
        return ROOTFS;
    }

    /** The first Debian mirror of this machine's apt sources (deb822 or one-line format). */
    static String mirror() throws IOException {
        List<Path> sources = new ArrayList<>();
        Path d = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(d)) {
            try (Stream<Path> files = Files.list(d)) {
                files.filter(p -> p.toString().endsWith(".sources")).sorted().forEach(sources::add);
            }
        }
        sources.add(Path.of("/etc/apt/sources.list"));
        for (Path file : sources) {
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String t = line.trim();
                String uri = t.startsWith("URIs:") ? t.substring(5).trim().split("\\s+")[0]
                        : t.startsWith("deb ") ? t.replaceFirst("^deb\\s+(\\[[^]]*]\\s+)?", "").split("\\s+")[0] : null;
                if (uri != null && !uri.contains("security") && uri.startsWith("http")) {
                    return uri;
                }
            }
        }
        return "http://deb.debian.org/debian";
    }

    /**
     * Boots a fresh copy of {@code rootfs} and waits until its systemd is up.
     *
     * @throws IOException with the console's last lines when it does not come up within 90 s
     */
    static BootedDebian boot(Path rootfs, Path scratch) throws IOException, InterruptedException {
        Path root = scratch.resolve("root");
        Command copy = run(List.of("cp", "-a", rootfs.toString(), root.toString()), 300);
        if (copy.exitCode() != 0) {
            throw new IOException("cannot copy the root file system: " + copy.stderr());
        }
        Path log = scratch.resolve("console.log");
        String nspawn = "systemd-nspawn -D " + root + " -b --register=no --keep-unit";
        Process console = new ProcessBuilder("setsid", "script", "-qfc", nspawn, log.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long init = -1;
        while (System.nanoTime() < deadline) {
            init = containerInit(root);
            if (init > 0) {
                BootedDebian booted = new BootedDebian(root, console, init);
                String state = booted.exec(10, "systemctl", "is-system-running").stdout().trim();
                if (state.equals("running") || state.equals("degraded")) {
                    return booted;
                }
            }
            if (!console.isAlive() && init < 0) {
                break;
            }
            Thread.sleep(500);
        }
        String seen = Files.exists(log) ? tail(text(log)) : "(no console output)";
        new BootedDebian(root, console, init).close();
        throw new IOException("the container did not boot within 90 s; console: " + seen);
    }

    /** The pid of the container's systemd: the child of the nspawn process that runs {@code root}. */
    private static long containerInit(Path root) {
        return nspawn(root).flatMap(ProcessHandle::children)
                .mapToLong(ProcessHandle::pid)
                .findFirst().orElse(-1);
    }

    /** The nspawn process running {@code root} (not the {@code script} that started it). */
    private static Stream<ProcessHandle> nspawn(Path root) {
        String marker = " -D " + root + " ";
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.split(" ", 2)[0].endsWith("systemd-nspawn") && c.contains(marker)).orElse(false));
    }

    /** The container's root folder as this machine sees it. */
    Path root() {
        return root;
    }

    /** Runs {@code command} inside the container, as its root, within {@code seconds}. */
    Command exec(int seconds, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("nsenter", "-t", Long.toString(init), "-a", "--"));
        line.addAll(List.of(command));
        return run(line, seconds);
    }

    /** Runs a shell command line inside the container. */
    Command sh(int seconds, String script) throws IOException, InterruptedException {
        return exec(seconds, "/bin/sh", "-c", script);
    }

    /** Powers the container off (SIGTERM to nspawn), kills it if it does not stop, and removes its copy. */
    @Override
    public void close() throws IOException, InterruptedException {
        List<ProcessHandle> nspawn = nspawn(root).toList();
        nspawn.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : nspawn) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
        if (!console.waitFor(10, TimeUnit.SECONDS)) {
            console.destroyForcibly();
        }
        run(List.of("rm", "-rf", "--one-file-system", root.toString()), 120);
    }

    private static Command run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dynnd-it", ".out");
        Path err = Files.createTempFile("dynnd-it", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Command(124, text(out), text(err) + "\n(timed out after " + seconds + " s)");
            }
            return new Command(p.exitValue(), text(out), text(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A file's text; bytes that are not UTF-8 (a console's escape codes) do not fail the read. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }
}
