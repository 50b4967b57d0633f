package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.dynnd.daemon.client.DaemonErrorException;
import org.dynnd.daemon.client.DynndClient;
import org.dynnd.daemon.client.RuntimePaths;
import picocli.CommandLine.Option;

/** The options every {@code dynnctl} subcommand shares, and the connection they describe. */
public final class ClientOptions {

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The daemon's socket (default: /run/dynnd/dynnd.sock, or $XDG_RUNTIME_DIR/dynnd.sock when that is absent).")
    Path socket;

    @Option(names = "--json", description = "Print the daemon's JSON answers, one per line, instead of text.")
    boolean json;

    /** The socket to use. */
    Path socket() {
        if (socket != null) {
            return socket;
        }
        try {
            return RuntimePaths.defaultClientSocket(System.getenv(), RuntimePaths.currentUid());
        } catch (IllegalArgumentException e) {
            throw new UserErrorException(e.getMessage());
        }
    }

    /** Connects, turning "not running" into a one-line failure with {@link ExitCodes#UNREACHABLE}. */
    DynndClient connect() {
        try {
            return DynndClient.connect(socket());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * Sends {@code request} and returns its result; an error reply becomes a one-line failure with
     * {@link ExitCodes#REFUSED}, a lost connection one with {@link ExitCodes#UNREACHABLE}.
     */
    static JsonNode call(DynndClient client, ObjectNode request) {
        try {
            return client.call(request);
        } catch (DaemonErrorException e) {
            if ("access_denied".equals(e.code())) {
                throw new CommandException(ExitCodes.REFUSED, "access denied: " + e.getMessage());
            }
            throw new CommandException(ExitCodes.REFUSED, e.code() + ": " + e.getMessage());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The failure of a connection that could not be made or was lost. */
    static CommandException unreachable(IOException e) {
        return new CommandException(ExitCodes.UNREACHABLE, e.getMessage(), e);
    }

    /** A number for text output: {@code -} when unknown. */
    static String num(JsonNode value, String format) {
        return value == null || value.isNull() || value.isMissingNode() ? "-" : String.format(java.util.Locale.ROOT, format, value.asDouble());
    }
}
