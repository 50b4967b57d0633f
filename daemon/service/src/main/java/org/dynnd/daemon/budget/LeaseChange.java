package org.dynnd.daemon.budget;

import org.dynnd.daemon.service.ClientBudget;

/**
 * One change to the leases, as a client asked for it: set or replace its lease, or drop it.
 *
 * @param clientId the connection whose lease changes
 * @param uid the peer's user id (kept with a lease it sets)
 * @param budget the new budget, or null to drop the lease
 * @param priority the new lease's priority (ignored for a release)
 */
public record LeaseChange(long clientId, int uid, ClientBudget budget, int priority) {

    /** Sets or replaces the lease of {@code clientId}. */
    public static LeaseChange set(long clientId, int uid, ClientBudget budget, int priority) {
        return new LeaseChange(clientId, uid, java.util.Objects.requireNonNull(budget, "budget"), priority);
    }

    /** Drops the lease of {@code clientId}, if it holds one. */
    public static LeaseChange release(long clientId) {
        return new LeaseChange(clientId, 0, null, 0);
    }

    /** Whether this change drops a lease. */
    public boolean isRelease() {
        return budget == null;
    }
}
