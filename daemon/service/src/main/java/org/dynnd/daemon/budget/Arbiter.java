package org.dynnd.daemon.budget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dynnd.daemon.service.ChosenPoint;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.service.GovernorPort;
import org.dynnd.daemon.service.Prediction;

/**
 * Combines the budgets of all clients into the one the governor serves.
 *
 * <p>Leases are taken in order of priority (higher first; equal priorities, older first). The
 * first lease is the start of the effective budget and gives its objective. Each further lease
 * tightens it (smaller limits, higher accuracy floor) when the tightened budget is still feasible
 * by the governor's prediction; otherwise it is <em>overridden</em> and left out, so a conflict
 * never lets a lower priority spoil a higher one. A lease is <em>met</em> when the chosen point's
 * prediction satisfies every one of its own constraints, whether or not it shaped the budget.
 *
 * <p>Not thread-safe: the server calls it from a single arbitration thread.
 */
public final class Arbiter {

    private static final Comparator<Lease> ORDER =
            Comparator.comparingInt(Lease::priority).reversed().thenComparingLong(Lease::sequence);

    private final GovernorPort governor;
    private final Map<Long, Lease> leases = new LinkedHashMap<>();
    private long sequence;
    private Arbitration current;

    public Arbiter(GovernorPort governor) {
        this.governor = governor;
        this.current = arbitrate();
    }

    /** Sets or replaces the lease of {@code clientId} and re-arbitrates. */
    public Arbitration set(long clientId, int uid, ClientBudget budget, int priority) {
        return apply(List.of(LeaseChange.set(clientId, uid, budget, priority))).outcome();
    }

    /** Drops the lease of {@code clientId}, if any, and re-arbitrates when one was dropped. */
    public Optional<Arbitration> release(long clientId) {
        Applied applied = apply(List.of(LeaseChange.release(clientId)));
        return applied.released()[0] ? Optional.of(applied.outcome()) : Optional.empty();
    }

    /**
     * What a batch of changes did: the one outcome that includes all of them, and for each change
     * (in order) whether it dropped a lease that was held.
     */
    public record Applied(Arbitration outcome, boolean[] released) {}

    /**
     * Applies {@code changes} in order and arbitrates once for all of them (a batch that changes
     * nothing, such as releases of leases nobody holds, is not re-arbitrated). When arbitration
     * fails, no change of the batch stays: every client in it is told its change failed.
     */
    public Applied apply(List<LeaseChange> changes) {
        Map<Long, Lease> before = new LinkedHashMap<>(leases);
        boolean[] released = new boolean[changes.size()];
        boolean changed = false;
        for (int i = 0; i < changes.size(); i++) {
            LeaseChange c = changes.get(i);
            if (c.isRelease()) {
                released[i] = leases.remove(c.clientId()) != null;
                changed |= released[i];
            } else {
                leases.put(c.clientId(), new Lease(c.clientId(), c.uid(), c.budget(), c.priority(), sequence++));
                changed = true;
            }
        }
        if (changed) {
            try {
                current = arbitrate();
            } catch (RuntimeException e) {
                leases.clear();
                leases.putAll(before);
                throw e;
            }
        }
        return new Applied(current, released);
    }

    /** The lease of {@code clientId}, if it holds one. */
    public Optional<Lease> lease(long clientId) {
        return Optional.ofNullable(leases.get(clientId));
    }

    /** The latest outcome. */
    public Arbitration current() {
        return current;
    }

    private Arbitration arbitrate() {
        List<Lease> ordered = new ArrayList<>(leases.values());
        ordered.sort(ORDER);
        List<Lease> sources = new ArrayList<>();
        List<Lease> overridden = new ArrayList<>();
        ClientBudget effective = ClientBudget.NONE;
        for (Lease lease : ordered) {
            if (sources.isEmpty()) {
                effective = lease.budget();
                sources.add(lease);
                continue;
            }
            ClientBudget tightened = effective.tightenedBy(lease.budget());
            if (tightened.equals(effective) || governor.evaluate(tightened).feasible()) {
                effective = tightened;
                sources.add(lease);
            } else {
                overridden.add(lease);
            }
        }
        ChosenPoint decision = governor.apply(effective);
        Map<Long, Boolean> met = new HashMap<>();
        for (Lease lease : ordered) {
            met.put(lease.clientId(), meets(decision.predicted(), lease.budget()));
        }
        return new Arbitration(effective, sources, overridden, met, decision);
    }

    /** Whether a prediction satisfies every constraint; an unknown (NaN) value never does. */
    static boolean meets(Prediction p, ClientBudget b) {
        return atMost(p.latencyMs(), b.latencyMs())
                && atMost(p.energyMj(), b.energyMj())
                && atMost(p.powerW(), b.powerW())
                && (b.minAccuracy() == null || p.accuracy() >= b.minAccuracy());
    }

    private static boolean atMost(double value, Double limit) {
        return limit == null || value <= limit;
    }
}
