package org.dynnd.daemon.cli;

import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.logging.JournalFormat;
import org.slf4j.event.Level;
import picocli.CommandLine;

/**
 * Runs a picocli command with the project's error policy: a user error (bad option, bad
 * configuration file) is one clear message on stderr and exit code 2, never a stack trace.
 */
public final class Cli {

    /** Exit code of a command-line or configuration error. */
    public static final int USAGE_ERROR = 2;

    private Cli() {}

    /** Executes {@code command} with {@code args} and returns the exit code. */
    public static int execute(Object command, String... args) {
        CommandLine line = new CommandLine(command);
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException || ex instanceof UserErrorException) {
                // Under systemd this is the journal's one line of why the unit failed: at error priority.
                cmd.getErr().print(JournalFormat.forThisProcess().line(Level.ERROR,
                        cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()));
                cmd.getErr().flush();
                return USAGE_ERROR;
            }
            throw ex;
        });
        return line.execute(args);
    }
}
