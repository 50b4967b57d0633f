package org.dynnd.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** socat, a protocol client no one here wrote, as a child process: protocol lines in, reply lines out. */
final class Socat {

    static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final String EOF = "\0eof";

    private Socat() {}

    static boolean installed() {
        return Files.isExecutable(SOCAT);
    }

    /**
     * Runs {@code prefix... socat - UNIX-CONNECT:socket}, writes {@code lines}, and keeps its input
     * open until {@code expected} reply lines came (or 30 s passed), then closes it.
     */
    static List<JsonNode> exchange(List<String> prefix, Path socket, String lines, int expected)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(SOCAT.toString(), "-", "UNIX-CONNECT:" + socket));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    out.add(line);
                }
            } catch (IOException e) {
                // The process ended; what came is in the queue.
            }
            out.add(EOF);
        });
        reader.setDaemon(true);
        reader.start();
        OutputStream in = process.getOutputStream();
        in.write(lines.getBytes(StandardCharsets.UTF_8));
        in.flush();
        List<JsonNode> replies = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (replies.size() < expected) {
            String line = out.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (line == null || line.equals(EOF)) {
                break;
            }
            replies.add(ProtocolClient.JSON.readTree(line));
        }
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return replies;
    }

    static JsonNode withId(List<JsonNode> replies, Object id) {
        return replies.stream().filter(r -> r.get("id").asText().equals(id.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no reply with id " + id + " in " + ids(replies)));
    }

    /** The ids and outcomes of {@code replies}, short enough for a failure message. */
    static String ids(List<JsonNode> replies) {
        return replies.stream().map(r -> r.get("id") + (r.path("ok").asBoolean() ? ":ok" : ":" + r.path("error").path("code").asText()))
                .toList().toString();
    }
}
