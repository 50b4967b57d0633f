package org.dynnd.daemon.config;

import java.util.List;

/**
 * Who may do what over the socket, decided from the peer's credentials.
 *
 * @param budgetUsers users (names or numeric uids) that may set budgets and use every operation
 * @param budgetGroups groups (names or numeric gids) whose members may do the same
 * @param readOps the operations everybody else may use
 */
public record AccessConfig(List<String> budgetUsers, List<String> budgetGroups, List<String> readOps) {

    /** Operations that never change the daemon's behaviour for others. */
    public static final List<String> READ_OPS = List.of("hello", "status", "subscribe", "unsubscribe", "infer");

    public AccessConfig {
        budgetUsers = Check.names("budget_users", budgetUsers, List.of("root"));
        budgetGroups = Check.names("budget_groups", budgetGroups, List.of("dynnd"));
        readOps = Check.subset("read_ops", readOps, READ_OPS, READ_OPS);
    }

    public static AccessConfig defaults() {
        return new AccessConfig(null, null, null);
    }
}
