package org.dynnd.daemon.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that closes its sending side (as {@code socat} does at the end of its input) still
 * gets a reply to every request it sent: replies that leave the event loop (budget, release,
 * infer) are counted while in flight, and the connection closes once the client has stopped
 * sending and the last of them is written.
 */
@ChannelHandler.Sharable
final class HalfClose extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<AtomicInteger> IN_FLIGHT = AttributeKey.valueOf("dynnd.inFlight");
    private static final AttributeKey<Boolean> INPUT_CLOSED = AttributeKey.valueOf("dynnd.inputClosed");

    /** A reply will come later on {@code channel}. */
    static void begin(Channel channel) {
        inFlight(channel).incrementAndGet();
    }

    /**
     * Writes the reply that {@link #begin} announced; then the connection may take its next lines
     * (see {@link LineFramer}), and a half-closed one with nothing more to send closes.
     */
    static void finish(Channel channel, Object reply) {
        ChannelFuture written = channel.writeAndFlush(reply);
        written.addListener(f -> {
            inFlight(channel).decrementAndGet();
            channel.pipeline().fireUserEventTriggered(LineFramer.RESUME);
            closeIfDone(channel);
        });
    }

    /** A reply that {@link #begin} announced will not come (the work was refused). */
    static void cancel(Channel channel) {
        inFlight(channel).decrementAndGet();
    }

    /** Replies announced and not yet written. */
    static int inFlightCount(Channel channel) {
        return inFlight(channel).get();
    }

    /**
     * Closes {@code channel} when its client has stopped sending, every line it sent has been
     * taken and every reply written.
     */
    static void closeIfDone(Channel channel) {
        if (Boolean.TRUE.equals(channel.attr(INPUT_CLOSED).get()) && inFlight(channel).get() == 0
                && !LineFramer.holdsInput(channel)) {
            channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            ctx.channel().attr(INPUT_CLOSED).set(true);
            Session session = ctx.channel().attr(Session.KEY).get();
            if (session != null) {
                session.inputClosed = true;
            }
            closeIfDone(ctx.channel());
        }
        super.userEventTriggered(ctx, event);
    }

    private static AtomicInteger inFlight(Channel channel) {
        AtomicInteger counter = channel.attr(IN_FLIGHT).get();
        if (counter == null) {
            channel.attr(IN_FLIGHT).setIfAbsent(new AtomicInteger());
            counter = channel.attr(IN_FLIGHT).get();
        }
        return counter;
    }
}
