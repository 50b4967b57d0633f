package org.dynnd.daemon.budget;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dynnd.daemon.service.ChosenPoint;
import org.dynnd.daemon.service.ClientBudget;

/**
 * The outcome of combining every lease: the effective budget, the leases it is made of (in the
 * order they were considered), which leases the chosen operating point meets, and the decision.
 *
 * @param effective the budget the governor now serves
 * @param sources the leases that shaped it, highest priority first
 * @param overridden leases left out because they conflicted with higher-priority ones
 * @param met for every lease's client id, whether the chosen point is predicted to meet it
 * @param decision the governor's decision for {@code effective}
 */
public record Arbitration(
        ClientBudget effective, List<Lease> sources, List<Lease> overridden, Map<Long, Boolean> met, ChosenPoint decision) {
    public Arbitration {
        Objects.requireNonNull(effective, "effective");
        sources = List.copyOf(sources);
        overridden = List.copyOf(overridden);
        met = Map.copyOf(met);
        Objects.requireNonNull(decision, "decision");
    }

    /** Whether the lease of {@code clientId} is met; false when the client holds none. */
    public boolean isMet(long clientId) {
        return met.getOrDefault(clientId, false);
    }
}
