package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import org.dynnd.daemon.client.DynndClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * A {@code dynnctl} command that sends one request without arguments and shows its result: the
 * raw JSON with {@code --json}, else a human form each command writes itself.
 */
abstract class OneRequestCommand implements Runnable {

    @Mixin
    ClientOptions client;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The protocol op this command sends. */
    abstract String op();

    /** Writes {@code result} for a person to read. */
    abstract void print(JsonNode result, PrintWriter out);

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (DynndClient c = client.connect()) {
            JsonNode result = ClientOptions.call(c, c.newRequest(op()));
            if (client.json) {
                out.println(result);
            } else {
                print(result, out);
            }
        }
    }
}
