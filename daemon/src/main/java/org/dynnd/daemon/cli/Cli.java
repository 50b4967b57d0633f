package org.dynnd.daemon.cli;

import org.dynnd.daemon.config.ConfigException;
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
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return failure.exitCode();
            }
            if (ex instanceof ConfigException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return USAGE_ERROR;
            }
            throw ex;
        });
        return line;
    }
}
