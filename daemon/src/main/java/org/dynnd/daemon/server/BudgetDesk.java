package org.dynnd.daemon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynnd.daemon.budget.Arbiter;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.budget.Budget;
import org.dynnd.daemon.budget.Lease;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.service.GovernorPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Arbiter} on one thread of its own, since the governor's {@code apply} may write
 * sysfs files and must not stall an event loop. Client requests wait in a bounded queue (a full
 * one answers {@code busy}); the release of a closed connection is always queued, as leases must
 * end with their connections. After each change, holders of other leases whose budget became met
 * or unmet get a {@code lease} event.
 */
final class BudgetDesk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetDesk.class);

    private final ExecutorService thread;
    private final Clients clients;
    private final int queueLimit;
    private final AtomicInteger pending = new AtomicInteger();
    private Arbiter arbiter; // confined to the desk's thread
    private volatile Arbitration current;

    BudgetDesk(GovernorPort governor, Clients clients, int queueLimit) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dynnd-arbiter");
            t.setDaemon(true);
            return t;
        });
        this.clients = clients;
        this.queueLimit = queueLimit;
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

    /** Runs {@code work} on the arbitration thread, between two budget requests, and waits for it. */
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
        Arbitration a = current;
        return a.sources().stream().filter(l -> l.clientId() == clientId).findFirst()
                .or(() -> a.overridden().stream().filter(l -> l.clientId() == clientId).findFirst());
    }

    /** Queues setting the lease of {@code session}; false when the queue is full. */
    boolean set(Session session, Channel channel, JsonNode id, Budget budget, int priority) {
        return enqueue(channel, id, () -> {
            Arbitration before = current;
            Arbitration after = arbiter.set(session.clientId, session.peer.uid(), budget, priority);
            publish(before, after, session.clientId);
            ObjectNode result = Replies.arbitration(after);
            result.put("met", after.isMet(session.clientId));
            result.set("lease", Replies.budget(budget).put("priority", priority));
            return result;
        });
    }

    /** Queues dropping the lease of {@code session}; false when the queue is full. */
    boolean release(Session session, Channel channel, JsonNode id) {
        return enqueue(channel, id, () -> {
            Arbitration before = current;
            Optional<Arbitration> after = arbiter.release(session.clientId);
            after.ifPresent(a -> publish(before, a, session.clientId));
            ObjectNode result = Replies.arbitration(current);
            result.put("released", after.isPresent());
            return result;
        });
    }

    /** Ends the lease of a closed connection; never refused. */
    void connectionClosed(long clientId) {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(() -> {
            Arbitration before = current;
            try {
                arbiter.release(clientId).ifPresent(after -> publish(before, after, clientId));
            } catch (RuntimeException e) {
                LOG.error("arbitration after client {} left failed", clientId, e);
            }
        });
    }

    private interface Work {
        JsonNode run();
    }

    private boolean enqueue(Channel channel, JsonNode id, Work work) {
        if (pending.incrementAndGet() > queueLimit) {
            pending.decrementAndGet();
            return false;
        }
        HalfClose.begin(channel);
        thread.execute(() -> {
            try {
                HalfClose.finish(channel, Replies.ok(id, work.run()));
            } catch (RuntimeException e) {
                LOG.error("arbitration failed", e);
                HalfClose.finish(channel, Replies.error(id, ErrorCode.INTERNAL_ERROR, "arbitration failed: " + e.getMessage()));
            } finally {
                pending.decrementAndGet();
            }
        });
        return true;
    }

    private void publish(Arbitration before, Arbitration after, long requester) {
        current = after;
        for (Map.Entry<Long, Boolean> met : after.met().entrySet()) {
            long clientId = met.getKey();
            Boolean was = before.met().get(clientId);
            if (clientId != requester && was != null && !was.equals(met.getValue())) {
                Channel channel = clients.get(clientId);
                if (channel != null) {
                    ObjectNode event = Replies.event("lease");
                    event.put("met", met.getValue());
                    event.setAll(Replies.arbitration(after));
                    channel.writeAndFlush(event);
                }
            }
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
