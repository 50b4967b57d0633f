package org.dynnd.daemon.assembly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.access.UserDirectory;
import org.dynnd.daemon.config.ConfigException;
import org.dynnd.daemon.config.DynndConfig;
import org.dynnd.daemon.reload.ConfigDiff;
import org.dynnd.daemon.reload.LivePart;
import org.dynnd.daemon.server.SocketServer;

/**
 * The socket server's side of a reload: who may set budgets and what everybody else may do
 * (user and group names are looked up again, so a user created since the start can be named), and
 * how many inferences may wait.
 */
final class ServerLivePart implements LivePart {

    private final SocketServer server;
    private final Path root;

    /** @param root the folder whose {@code etc/passwd} and {@code etc/group} name users and groups ("/") */
    ServerLivePart(SocketServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    @Override
    public String name() {
        return "server";
    }

    @Override
    public Set<String> keys() {
        return Set.of("access.budget_users", "access.budget_groups", "access.read_ops", "inference.queue_capacity");
    }

    @Override
    public Commit prepare(DynndConfig next, ConfigDiff diff) throws ConfigException {
        UserDirectory directory;
        try {
            directory = UserDirectory.read(root);
        } catch (IOException e) {
            throw new ConfigException("access: cannot read the users and groups under " + root + ": " + e.getMessage(), e);
        }
        AccessPolicy policy = AccessRules.policy(next.access(), directory);
        int queue = next.inference().queueCapacity();
        return () -> server.reconfigure(policy, queue);
    }
}
