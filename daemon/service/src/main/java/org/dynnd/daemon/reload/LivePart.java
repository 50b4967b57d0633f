package org.dynnd.daemon.reload;

import java.util.Set;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;

/**
 * One part of the running daemon that takes new settings on reload: the governor, the socket
 * server's access rules and queue, the telemetry, the log. A reload first prepares every part
 * concerned — anything that can fail (resolving a user name, building the controller's settings)
 * fails here, before anything changed — and then commits them all at once.
 */
public interface LivePart {

    /** What it is, for log lines. */
    String name();

    /** The configuration keys ({@code section.key}) it applies; it is asked only when one changed. */
    Set<String> keys();

    /**
     * Checks {@code next} and returns what puts it in force.
     *
     * @param next the configuration in force after the reload
     * @param diff what changed
     * @throws ConfigException when {@code next} cannot be applied (the key and why)
     */
    Commit prepare(DynndConfig next, ConfigDiff diff) throws ConfigException;

    /** Puts prepared settings in force; quick, and never fails for a reason a configuration could cause. */
    @FunctionalInterface
    interface Commit {
        void apply();
    }
}
