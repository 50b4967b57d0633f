package org.dynnd.daemon.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.version.DynndVersion;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.Op;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.protocol.Request;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.telemetry.TelemetryRing;

/**
 * Answers each allowed request: quick ones on the event loop, {@code budget}/{@code release} on
 * the arbitration thread, {@code infer} on the inference threads.
 */
@Sharable
final class Dispatcher extends SimpleChannelInboundHandler<Request> {

    private final ServerSettings settings;
    private final String model;
    private final List<OperatingPointInfo> operatingPoints;
    private volatile AccessPolicy policy;
    private final BudgetDesk budgets;
    private final InferenceQueue inference;
    private final TelemetryRing ring;
    private final Clients clients;
    private volatile boolean stopping;
    private volatile int maxClients;

    Dispatcher(ServerSettings settings, String model, List<OperatingPointInfo> operatingPoints, AccessPolicy policy,
            BudgetDesk budgets, InferenceQueue inference, TelemetryRing ring, Clients clients) {
        super(Request.class);
        this.settings = settings;
        this.model = model;
        this.operatingPoints = List.copyOf(operatingPoints);
        this.policy = policy;
        this.budgets = budgets;
        this.inference = inference;
        this.ring = ring;
        this.clients = clients;
        this.maxClients = settings.maxClients();
    }

    /** The connection limit {@code hello} reports. */
    void maxClients(int most) {
        maxClients = most;
    }

    /** The encoded size of the largest {@code hello} reply: every op allowed, the longest numbers and id. */
    int largestHelloBytes() {
        Session widest = new Session(Long.MIN_VALUE, new org.dynnd.daemon.access.PeerIdentity(Integer.MIN_VALUE, Integer.MIN_VALUE, java.util.Set.of()));
        try {
            return ENCODER.writeValueAsBytes(Replies.ok(null, hello(widest, java.util.EnumSet.allOf(Op.class)))).length + 1
                    + org.dynnd.daemon.protocol.RequestParser.MAX_ID_BYTES;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode hello", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ENCODER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The rules {@code hello} reports from the next request on (a reloaded configuration). */
    void policy(AccessPolicy next) {
        policy = next;
    }

    /** From now on, work that leaves the event loop is refused with {@code shutting_down}. */
    void stopping() {
        stopping = true;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request request) {
        Session session = ctx.channel().attr(Session.KEY).get();
        if (stopping && (request instanceof Request.SetBudget || request instanceof Request.Infer)) {
            ctx.writeAndFlush(Replies.error(request.id(), ErrorCode.SHUTTING_DOWN, "dynnd is stopping"));
            return;
        }
        if (request instanceof Request.Hello) {
            ctx.writeAndFlush(Replies.ok(request.id(), hello(session, policy.allowedOps(session.peer))));
        } else if (request instanceof Request.Status) {
            ctx.writeAndFlush(Replies.ok(request.id(), status(session)));
        } else if (request instanceof Request.Leases r) {
            ctx.writeAndFlush(Replies.ok(r.id(), Replies.leasesPage(budgets.current(), r.offset(), r.limit())));
        } else if (request instanceof Request.Subscribe) {
            session.subscribed = true;
            ctx.writeAndFlush(Replies.ok(request.id(), Replies.object().put("subscribed", true)));
        } else if (request instanceof Request.Unsubscribe) {
            boolean was = session.subscribed;
            session.subscribed = false;
            ctx.writeAndFlush(Replies.ok(request.id(), Replies.object().put("subscribed", false).put("was_subscribed", was)));
        } else if (request instanceof Request.SetBudget r) {
            if (!budgets.set(session, ctx.channel(), r.id(), r.budget(), r.priority())) {
                busy(ctx, r, "the budget queue is full");
            }
        } else if (request instanceof Request.Release r) {
            if (!budgets.release(session, ctx.channel(), r.id())) {
                busy(ctx, r, "the budget queue is full");
            }
        } else if (request instanceof Request.Infer r && !inference.submit(r, ctx.channel())) {
            busy(ctx, r, "the inference queue is full (" + inference.capacity() + " waiting)");
        }
    }

    private static void busy(ChannelHandlerContext ctx, Request r, String why) {
        ctx.writeAndFlush(Replies.error(r.id(), ErrorCode.BUSY, why + "; try again later"));
    }

    private ObjectNode hello(Session session, java.util.Set<Op> allowedOps) {
        ObjectNode n = Replies.object();
        n.put("protocol", Replies.PROTOCOL_VERSION);
        n.put("daemon", DynndVersion.version());
        n.put("platform", settings.platform());
        n.put("model", model);
        n.put("client", session.clientId);
        n.put("uid", session.peer.uid());
        ArrayNode allowed = n.putArray("allowed_ops");
        for (Op op : Op.values()) {
            if (allowedOps.contains(op)) {
                allowed.add(op.wireName());
            }
        }
        ArrayNode ops = n.putArray("operating_points");
        operatingPoints.forEach(op -> ops.add(Replies.op(op)));
        n.putObject("limits").put("max_line_bytes", settings.maxLineBytes()).put("own_line_bytes", settings.ownLineBytes())
                .put("max_clients", maxClients).put("max_in_flight", settings.maxInFlight());
        return n;
    }

    private ObjectNode status(Session session) {
        Arbitration a = budgets.current();
        return StatusReply.of(a, BudgetDesk.lease(a, session.clientId), ring.latest(), ring.size(), clients.size());
    }
}
