package org.dynnd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of dynnd's commands as a child process and keeps what it printed. */
record Command(int exitCode, String stdout, String stderr) {

    /** The distribution the build assembled (daemon/target/dynnd). */
    static Path distribution() {
        return Path.of(System.getProperty("dynnd.distribution", "../daemon/target/dynnd")).toAbsolutePath().normalize();
    }

    /** The repository root, where the launchers are. */
    static Path repository() {
        return Path.of(System.getProperty("dynnd.repository", "..")).toAbsolutePath().normalize();
    }

    static Command run(Path workingDir, Path executable, String... args) throws IOException, InterruptedException {
        return runWithInput(workingDir, null, executable, args);
    }

    /** Runs the command with {@code input} (a file, or null for none) as its standard input. */
    static Command runWithInput(Path workingDir, Path input, Path executable, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        if (input == null) {
            process.getOutputStream().close();
        }
        // Both streams are small; read them on their own threads so neither pipe fills up.
        var out = readAsync(process.getInputStream());
        var err = readAsync(process.getErrorStream());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 5 minutes");
        }
        return new Command(process.exitValue(), out.join(), err.join());
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(java.io.InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
