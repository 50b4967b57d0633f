package org.dynnd.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dynnctl} command: the client of a running dynnd over its Unix socket. Each
 * subcommand is its own class, listed below.
 */
@Command(
        name = "dynnctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Control and watch a running dynnd over its Unix socket.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BudgetCommand.class,
            StatusCommand.class,
            WatchCommand.class,
            InferCommand.class,
            OpsCommand.class,
        })
public final class DynnctlMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** dynnctl with the project's error policy and its exit codes documented in every {@code --help}. */
    public static CommandLine commandLine() {
        CommandLine line = Cli.commandLine(new DynnctlMain());
        ExitCodes.document(line);
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
