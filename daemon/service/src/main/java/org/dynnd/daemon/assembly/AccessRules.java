package org.dynnd.daemon.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.access.UserDirectory;
import org.dynnd.daemon.config.AccessConfig;
import org.dynnd.daemon.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The access policy a configuration's {@code access} section describes, at start and on reload. */
final class AccessRules {

    private static final Logger LOG = LoggerFactory.getLogger(AccessRules.class);

    private AccessRules() {}

    /** Resolves the names of {@code config} in {@code directory}. */
    static AccessPolicy policy(AccessConfig config, UserDirectory directory) throws ConfigException {
        try {
            return AccessPolicy.resolve(known(config.budgetUsers(), directory::uid, "user"),
                    known(config.budgetGroups(), directory::gid, "group"), config.readOps(), directory);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /**
     * The names that exist on this machine. A user or group that does not exist has no members,
     * so leaving it out grants exactly what naming it would; it is logged, not fatal (the default
     * group dynnd exists only where the package created it).
     */
    private static List<String> known(List<String> names, ToIntFunction<String> lookup, String what) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            try {
                lookup.applyAsInt(name);
                found.add(name);
            } catch (IllegalArgumentException e) {
                LOG.warn("access: no {} '{}' on this machine; it is left out", what, name);
            }
        }
        return found;
    }
}
