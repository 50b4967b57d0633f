package org.dynnd.daemon.budget;

import java.util.Objects;
import org.dynnd.daemon.service.ClientBudget;

/**
 * One client's budget, held for as long as its connection lasts.
 *
 * @param clientId the connection's number, unique for the daemon's lifetime
 * @param uid the peer's user id, for {@code status}
 * @param budget the constraints and objective
 * @param priority higher wins on conflict; equal priorities: the older lease wins
 * @param sequence when the lease was last set, in order of arrival (older is smaller)
 */
public record Lease(long clientId, int uid, ClientBudget budget, int priority, long sequence) {
    public Lease {
        Objects.requireNonNull(budget, "budget");
    }
}
