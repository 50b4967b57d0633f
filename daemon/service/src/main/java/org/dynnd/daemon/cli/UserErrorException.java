package org.dynnd.daemon.cli;

/**
 * A mistake of the user that a command reports as one line and exit code 2: a missing file, a
 * value out of range. The message says what, where, and what is allowed.
 */
public final class UserErrorException extends CommandException {
    private static final long serialVersionUID = 1L;

    public UserErrorException(String message) {
        super(ExitCodes.USAGE, message);
    }

    public UserErrorException(String message, Throwable cause) {
        super(ExitCodes.USAGE, message, cause);
    }
}
