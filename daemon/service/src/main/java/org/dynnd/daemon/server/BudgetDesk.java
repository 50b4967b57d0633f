package org.dynnd.daemon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynnd.daemon.budget.Arbiter;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.budget.Lease;
import org.dynnd.daemon.budget.LeaseChange;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.service.GovernorPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Arbiter} on one thread of its own: an arbitration walks every lease and asks the
 * governor to choose a point (which waits for the controller while a control period holds it),
 * work that must not stall the event loops serving every other client. Client requests wait in a bounded queue (a full
 * one answers {@code busy}); the release of a closed connection is always queued, as leases must
 * end with their connections.
 *
 * <p>Changes that arrive while an arbitration runs are <em>coalesced</em>: the next round takes
 * every change waiting and arbitrates once, so a burst of N budgets costs one arbitration per
 * round instead of N (a change waits at most for the round in progress). Each request is answered
 * with the outcome of the round that includes it. A round holds at most one change per client, so
 * a client's pipelined {@code budget} then {@code release} are decided in the order it sent them.
 * After each round, holders of other leases whose budget became met or unmet get a {@link
 * LeaseEvents lease event}.
 */
final class BudgetDesk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetDesk.class);

    private final ExecutorService thread;
    private final int queueLimit;
    private final AtomicInteger pending = new AtomicInteger();
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean roundScheduled = new AtomicBoolean();
    private final LeaseEvents events;
    private Arbiter arbiter; // confined to the desk's thread
    private volatile Arbitration current;

    /** A change and who to answer: {@code channel} is null for the release of a closed connection. */
    private record Pending(LeaseChange change, Channel channel, JsonNode id) {}

    BudgetDesk(GovernorPort governor, Clients clients, int queueLimit) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dynnd-arbiter");
            t.setDaemon(true);
            return t;
        });
        this.queueLimit = queueLimit;
        this.events = new LeaseEvents(clients);
        try {
            thread.submit(() -> {
                arbiter = new Arbiter(governor);
                current = arbiter.current();
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the governor refused the initial (empty) budget: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting arbitration", e);
        }
    }

    /** Runs {@code work} on the arbitration thread, between two rounds, and waits for it. */
    void exclusive(Runnable work) {
        try {
            thread.submit(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("failed on the arbitration thread: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the arbitration thread", e);
        }
    }

    /** The latest outcome; safe from any thread. */
    Arbitration current() {
        return current;
    }

    /** The lease of {@code clientId} in the latest outcome. */
    Optional<Lease> lease(long clientId) {
        return lease(current, clientId);
    }

    static Optional<Lease> lease(Arbitration a, long clientId) {
        if (!a.met().containsKey(clientId)) {
            return Optional.empty();
        }
        return a.sources().stream().filter(l -> l.clientId() == clientId).findFirst()
                .or(() -> a.overridden().stream().filter(l -> l.clientId() == clientId).findFirst());
    }

    /** Changes waiting for the next round. */
    int waiting() {
        return waiting.size();
    }

    /** Queues setting the lease of {@code session}; false when the queue is full. */
    boolean set(Session session, Channel channel, JsonNode id, ClientBudget budget, int priority) {
        return enqueue(new Pending(LeaseChange.set(session.clientId, session.peer.uid(), budget, priority), channel, id));
    }

    /** Queues dropping the lease of {@code session}; false when the queue is full. */
    boolean release(Session session, Channel channel, JsonNode id) {
        return enqueue(new Pending(LeaseChange.release(session.clientId), channel, id));
    }

    /** Ends the lease of a closed connection; never refused. */
    void connectionClosed(long clientId) {
        if (thread.isShutdown()) {
            return;
        }
        waiting.add(new Pending(LeaseChange.release(clientId), null, null));
        schedule();
    }

    private boolean enqueue(Pending p) {
        if (pending.incrementAndGet() > queueLimit) {
            pending.decrementAndGet();
            return false;
        }
        HalfClose.begin(p.channel());
        waiting.add(p);
        schedule();
        return true;
    }

    private void schedule() {
        if (roundScheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::rounds);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                roundScheduled.set(false); // shutting down: the leases end with the daemon
            }
        }
    }

    /** Runs rounds until nothing is waiting. */
    private void rounds() {
        roundScheduled.set(false);
        List<Pending> round;
        while (!(round = nextRound()).isEmpty()) {
            decide(round);
        }
    }

    /** Every waiting change, up to the first that is the second of its client. */
    private List<Pending> nextRound() {
        List<Pending> round = new ArrayList<>();
        Set<Long> clientsInRound = new HashSet<>();
        Pending p;
        while ((p = waiting.peek()) != null && clientsInRound.add(p.change().clientId())) {
            round.add(waiting.poll());
        }
        return round;
    }

    private void decide(List<Pending> round) {
        Arbitration before = current;
        Arbiter.Applied applied;
        try {
            applied = arbiter.apply(round.stream().map(Pending::change).toList());
        } catch (RuntimeException e) {
            if (round.size() > 1) {
                // One change may be what the governor refused: decide them one by one, so that
                // only that one fails.
                LOG.warn("arbitration of {} changes together failed ({}); deciding them one by one", round.size(), e.toString());
                round.forEach(one -> decide(List.of(one)));
                return;
            }
            LOG.error("arbitration failed", e);
            Pending only = round.get(0);
            if (only.channel() != null) {
                pending.decrementAndGet();
                HalfClose.finish(only.channel(), Replies.error(only.id(), ErrorCode.INTERNAL_ERROR, "arbitration failed: " + e.getMessage()));
            }
            return;
        }
        current = applied.outcome();
        answer(round, applied);
        try {
            events.publish(before, applied.outcome(), round.stream().map(x -> x.change().clientId()).toList());
        } catch (RuntimeException e) {
            LOG.error("lease events after an arbitration failed", e);
        }
    }

    private void answer(List<Pending> round, Arbiter.Applied applied) {
        Arbitration after = applied.outcome();
        SharedReply shared = new SharedReply(Replies.arbitration(after));
        for (int i = 0; i < round.size(); i++) {
            Pending p = round.get(i);
            if (p.channel() == null) {
                continue;
            }
            ObjectNode own = Replies.object();
            LeaseChange c = p.change();
            if (c.isRelease()) {
                own.put("released", applied.released()[i]);
            } else {
                own.put("met", after.isMet(c.clientId()));
                own.set("lease", Replies.budget(c.budget()).put("priority", c.priority()));
            }
            pending.decrementAndGet();
            HalfClose.finish(p.channel(), shared.reply(p.id(), own));
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
