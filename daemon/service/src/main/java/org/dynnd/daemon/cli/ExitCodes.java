package org.dynnd.daemon.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The exit codes of {@code dynnctl}, as its {@code --help} and the README list them. A script can
 * tell a budget the daemon cannot meet from a daemon that is not there and from its own mistake.
 */
public final class ExitCodes {

    /** Done; for {@code budget}, the budget is met. */
    public static final int OK = 0;
    /** {@code budget}: the daemon serves the budget but predicts it is not met (infeasible, or overridden). */
    public static final int NOT_MET = 1;
    /** A bad option or value, or a file that cannot be read. */
    public static final int USAGE = 2;
    /** No daemon answers at the socket, or it closed the connection or did not reply in time. */
    public static final int UNREACHABLE = 3;
    /** The daemon answered with an error: access denied, a value it refuses, busy, ... */
    public static final int REFUSED = 4;
    /** A fault of dynnctl itself (a stack trace is printed); sysexits' EX_SOFTWARE. */
    public static final int INTERNAL = 70;

    private ExitCodes() {}

    /**
     * Lists the exit codes in the help of {@code dynnctl} and of each of its subcommands (the
     * "not met" code only where it can happen), and makes an unexpected fault exit with
     * {@link #INTERNAL} rather than picocli's 1, which means "not met" here.
     */
    static void document(CommandLine dynnctl) {
        list(dynnctl, "budget: ");
        for (CommandLine sub : dynnctl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnExecutionException(INTERNAL);
            if (sub.getCommand() instanceof BudgetCommand) {
                list(sub, "");
            } else if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                list(sub, null);
            }
        }
    }

    /** Sets the list; {@code budgetPrefix} is null where no budget is set, else the text before "the budget is...". */
    private static void list(CommandLine line, String budgetPrefix) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), budgetPrefix == null ? "done" : "done; " + budgetPrefix + "the budget is met");
        if (budgetPrefix != null) {
            codes.put(Integer.toString(NOT_MET), budgetPrefix + "the budget is NOT met (infeasible, or overridden by a higher priority)");
        }
        codes.put(Integer.toString(USAGE), "bad option or value, or a file that cannot be read");
        codes.put(Integer.toString(UNREACHABLE), "no dynnd answers at the socket (not running, no permission, connection lost)");
        codes.put(Integer.toString(REFUSED), "dynnd refused the request (access denied, invalid value, busy, ...)");
        codes.put(Integer.toString(INTERNAL), "a fault of dynnctl itself (with a stack trace)");
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        line.getCommandSpec().exitCodeOnExecutionException(INTERNAL);
    }
}
