package org.dynnd.daemon.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.Replies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a connection while fewer than the maximum are open, and ends its lease when it closes.
 * A fault in a connection's handlers closes that connection only.
 */
@Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);

    private final Clients clients;
    private final BudgetDesk budgets;
    private final int maxClients;

    ConnectionGate(Clients clients, BudgetDesk budgets, int maxClients) {
        this.clients = clients;
        this.budgets = budgets;
        this.maxClients = maxClients;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Session session = ctx.channel().attr(Session.KEY).get();
        if (clients.size() >= maxClients) {
            LOG.warn("refused a connection from uid {}: {} clients already connected", session.peer.uid(), maxClients);
            ctx.writeAndFlush(Replies.error(null, ErrorCode.TOO_MANY_CLIENTS,
                    "dynnd already serves " + maxClients + " connections; try again later"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        clients.add(session.clientId, ctx.channel());
        LOG.debug("client {} connected: uid {} pid {}", session.clientId, session.peer.uid(), session.peer.pid());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Session session = ctx.channel().attr(Session.KEY).get();
        if (clients.get(session.clientId) == ctx.channel()) {
            clients.remove(session.clientId);
            budgets.connectionClosed(session.clientId);
            LOG.debug("client {} disconnected", session.clientId);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Reached only by faults no handler answered (an I/O error, a bug): one client pays, not the daemon.
        LOG.warn("closing client {}: {}", ctx.channel().attr(Session.KEY).get().clientId, cause.toString());
        ctx.close();
    }
}
