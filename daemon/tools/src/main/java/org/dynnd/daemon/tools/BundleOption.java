package org.dynnd.daemon.tools;

import java.nio.file.Path;
import org.dynnd.daemon.cli.UserErrorException;
import picocli.CommandLine.Option;

/** {@code --model DIR}, the bundle a model command works on, as a picocli mixin: the distribution's shipped bundle by default. */
public final class BundleOption {

    @Option(names = "--model", paramLabel = "DIR",
            description = "The model bundle folder (default: the distribution's models/alexnet-g4-fmnist).")
    Path model;

    /** The bundle given, else the one the distribution ships. */
    Path folder() {
        if (model != null) {
            return model;
        }
        String home = System.getProperty("dynnd.home");
        if (home == null) {
            throw new UserErrorException("no --model given and dynnd.home is not set; name the bundle folder with --model DIR");
        }
        return Path.of(home, "models", "alexnet-g4-fmnist");
    }
}
