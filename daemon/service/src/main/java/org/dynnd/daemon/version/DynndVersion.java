package org.dynnd.daemon.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The project version, filtered into the jar by Maven. Its own package because both ends use it:
 * the server says it in {@code hello}, the commands in {@code --version}.
 */
public final class DynndVersion {

    private DynndVersion() {}

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
}
