package org.dynnd.daemon.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.protocol.Request;

/** Lets a request through only when the peer may use its op; answers {@code access_denied} otherwise. */
@Sharable
final class AccessHandler extends SimpleChannelInboundHandler<Request> {

    private volatile AccessPolicy policy;

    AccessHandler(AccessPolicy policy) {
        super(Request.class);
        this.policy = policy;
    }

    /** The rules from the next request on (a reloaded configuration). */
    void policy(AccessPolicy next) {
        policy = next;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request request) {
        Session session = ctx.channel().attr(Session.KEY).get();
        if (policy.allows(session.peer, request.op())) {
            ctx.fireChannelRead(request);
        } else {
            ctx.writeAndFlush(Replies.error(request.id(), ErrorCode.ACCESS_DENIED, "uid " + session.peer.uid()
                    + " may not use '" + request.op().wireName() + "'; the daemon's configuration (access.budget_users, "
                    + "access.budget_groups) names who may; SIGHUP reloads it"));
        }
    }
}
