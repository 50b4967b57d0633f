package org.dynnd.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.concurrent.Callable;
import org.dynnd.daemon.config.DynndConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynnd check-config}: validates the configuration and prints what the daemon would use. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Check the configuration file and print the effective configuration.",
            "Exit code 2 when it is invalid."})
public final class CheckConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--quiet", description = "Print nothing when the configuration is valid.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        DynndConfig config = options.load();
        if (!quiet) {
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
            System.out.println("# " + options.file().map(f -> "valid: " + f).orElse("no configuration file: every default"));
            System.out.print(yaml.writeValueAsString(config));
        }
        return 0;
    }
}
