package org.dynnd.daemon.cli;

import org.dynnd.daemon.version.DynndVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version with the Java runtime it runs on. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "${COMMAND-NAME} " + DynndVersion.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("os.arch") + ")",
        };
    }
}
