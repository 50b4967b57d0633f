package org.dynnd.daemon.cli;

/**
 * A failure a command reports as one line on stderr and a documented exit code, never as a
 * stack trace. The message says what went wrong and what to do.
 */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process's exit code for this failure (see {@link ExitCodes}). */
    public int exitCode() {
        return exitCode;
    }
}
