package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.dynnd.daemon.client.DynndClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dynnctl infer FILE…}: classifies images (PNG, JPEG, or raw 28x28 / 32x32x3 bytes). */
@Command(name = "infer", mixinStandardHelpOptions = true, description = "Classify images with the daemon's model.")
public final class InferCommand implements Runnable {

    @Mixin
    ClientOptions client;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "PNG or JPEG files, or raw 784 (28x28 grey) / 3072 (32x32 RGB) byte files.")
    List<Path> files;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (DynndClient c = client.connect()) {
            for (Path file : files) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UserErrorException("cannot read " + file + ": " + FileErrors.reason(e), e);
                }
                ObjectNode request = c.newRequest("infer");
                request.put("image", Base64.getEncoder().encodeToString(bytes));
                JsonNode r = ClientOptions.call(c, request);
                if (client.json) {
                    ((ObjectNode) r).put("file", file.toString());
                    out.println(r);
                } else {
                    out.printf("%s: %s (class %d) at %s, %s ms, %s mJ (board power x this inference's latency)%n", file, r.path("label").asText(), r.path("class").asInt(),
                            r.path("op").path("label").asText(), ClientOptions.num(r.get("latency_ms"), "%.2f"),
                            ClientOptions.num(r.get("energy_mj"), "%.2f"));
                }
                out.flush();
            }
        }
    }
}
