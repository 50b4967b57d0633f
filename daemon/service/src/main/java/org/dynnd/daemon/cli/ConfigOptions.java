package org.dynnd.daemon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.ConfigLoader;
import org.dynnd.daemon.config.ConfigOverrides;
import org.dynnd.daemon.config.DynndConfig;
import picocli.CommandLine.Option;

/**
 * The options every command that reads {@code dynnd.yaml} shares: which file, and the values the
 * command line overrides. Without {@code --config}, the first of {@code $DYNND_CONFIG},
 * {@code /etc/dynnd/dynnd.yaml} and the distribution's {@code config/dynnd.yaml} that exists is read.
 */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: $DYNND_CONFIG, /etc/dynnd/dynnd.yaml, or the distribution's config/dynnd.yaml).")
    Path config;

    @Option(names = "--platform", paramLabel = "NAME", description = "The board: auto, odroid-xu3, jetson-nano, jetson-orin, generic, emulated:odroid-xu3, emulated:jetson-nano.")
    String platform;

    @Option(names = "--sysfs-root", paramLabel = "DIR", description = "Read and write hardware files under DIR instead of /.")
    String sysfsRoot;

    @Option(names = "--socket", paramLabel = "PATH", description = "The Unix socket of the daemon.")
    String socket;

    @Option(names = "--model", paramLabel = "DIR", description = "The model bundle folder, or 'default'.")
    String model;

    /** The file that will be read, if any. */
    public Optional<Path> file() {
        if (config != null) {
            return Optional.of(config);
        }
        String env = System.getenv("DYNND_CONFIG");
        if (env != null && !env.isEmpty()) {
            return Optional.of(Path.of(env));
        }
        Path etc = Path.of("/etc/dynnd/dynnd.yaml");
        if (Files.isRegularFile(etc)) {
            return Optional.of(etc);
        }
        String home = System.getProperty("dynnd.home");
        if (home != null) {
            Path shipped = Path.of(home, "config", "dynnd.yaml");
            if (Files.isRegularFile(shipped)) {
                return Optional.of(shipped);
            }
        }
        return Optional.empty();
    }

    /** The configuration: the file's values with the command line's on top. */
    public DynndConfig load() throws ConfigException {
        Optional<Path> file = file();
        DynndConfig fromFile = file.isPresent() ? new ConfigLoader().load(file.get()) : DynndConfig.defaults();
        return new ConfigOverrides(platform, sysfsRoot, socket, model).applyTo(fromFile);
    }
}
