package org.dynnd.daemon.config;

import java.nio.file.Path;

/**
 * Reads {@code dynnd.yaml} into a {@link DynndConfig}, strictly: see {@link StrictYamlReader}
 * for what is refused and how it is reported. An empty file means every default.
 */
public final class ConfigLoader {

    private final StrictYamlReader<DynndConfig> reader =
            new StrictYamlReader<>(DynndConfig.class, DynndConfig::defaults, "configuration file");

    /** Reads and checks {@code file}. */
    public DynndConfig load(Path file) throws ConfigException {
        return reader.load(file);
    }

    /** Parses {@code text}; {@code source} names it in messages. */
    public DynndConfig parse(String text, String source) throws ConfigException {
        return reader.parse(text, source);
    }
}
