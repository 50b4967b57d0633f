package org.dynnd.daemon.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dynnd} command: the service's subcommands, listed below, and the tools found on the
 * class path ({@link DynndTool}: report, demo, simulate, train, eval ship in the tools module).
 * A board that runs only the service needs no tool's code or libraries; the launchers never
 * change when a subcommand is added.
 */
@Command(
        name = "dynnd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "On-device resource manager for dynamic DNN inference.",
        subcommands = {
            RunCommand.class,
            CheckConfigCommand.class,
            SensorsCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class DynndMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole {@code dynnd} command, tools included, with the error policy of {@link Cli}. */
    public static CommandLine commandLine() {
        CommandLine line = Cli.commandLine(new DynndMain());
        for (DynndTool tool : ServiceLoader.load(DynndTool.class)) {
            line.addSubcommand(tool);
        }
        return line;
    }

    @Override
    public void run() {
        // `dynnd` alone explains itself instead of guessing a subcommand.
        spec.commandLine().usage(System.out);
    }
}
