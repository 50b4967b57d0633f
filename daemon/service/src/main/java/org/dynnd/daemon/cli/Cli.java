package org.dynnd.daemon.cli;

import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.logging.JournalFormat;
import org.slf4j.event.Level;
import picocli.CommandLine;

/**
 * Runs a picocli command with the project's error policy: a user error (bad option, bad
 * configuration file) is one clear message on stderr and exit code 2, never a stack trace; a
 * {@link CommandException} is its message and its own exit code.
 */
public final class Cli {

    /** Exit code of a command-line or configuration error. */
    public static final int USAGE_ERROR = ExitCodes.USAGE;

    private Cli() {}

    /** Executes {@code command} with {@code args} and returns the exit code. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** {@code command} with the error policy in place; tests set its output streams and execute it. */
    public static CommandLine commandLine(Object command) {
        CommandLine line = new CommandLine(command);
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CommandException failure) {
                error(cmd, ex);
                return failure.exitCode();
            }
            if (ex instanceof ConfigException) {
                error(cmd, ex);
                return USAGE_ERROR;
            }
            throw ex;
        });
        return line;
    }

    /** Under systemd this is the journal's one line of why the unit failed: at error priority. */
    private static void error(CommandLine cmd, Exception ex) {
        cmd.getErr().print(JournalFormat.forThisProcess().line(Level.ERROR,
                cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()));
        cmd.getErr().flush();
    }
}
