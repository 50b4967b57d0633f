package org.dynnd.daemon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The project version, filtered into the jar by Maven, with the Java runtime it runs on. */
public final class DynndVersion implements IVersionProvider {

    /** The version of this build, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = DynndVersion.class.getResourceAsStream("/org/dynnd/daemon/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "${COMMAND-NAME} " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("os.arch") + ")",
        };
    }
}
