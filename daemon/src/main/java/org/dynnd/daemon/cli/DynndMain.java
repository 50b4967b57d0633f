package org.dynnd.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dynnd} command: the daemon and its tools. Each subcommand is its own class in this
 * package, listed below; the launchers never change when one is added.
 */
@Command(
        name = "dynnd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "On-device resource manager for dynamic DNN inference.",
        subcommands = {
            RunCommand.class,
            DemoCommand.class,
            CheckConfigCommand.class,
            SensorsCommand.class,
            SimulateCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class,
            TrainCommand.class,
            EvalCommand.class,
        })
public final class DynndMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Cli.execute(new DynndMain(), args));
    }

    @Override
    public void run() {
        // `dynnd` alone explains itself instead of guessing a subcommand.
        spec.commandLine().usage(System.out);
    }
}
