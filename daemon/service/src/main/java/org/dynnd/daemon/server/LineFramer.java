package org.dynnd.daemon.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import java.util.Arrays;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.Replies;

/**
 * Cuts a connection's bytes into request lines (without their {@code \n}), each passed on as a
 * {@code byte[]} whole, or refused whole: a line never loses bytes. Bounded memory per connection:
 *
 * <ul>
 *   <li>the partial line is kept on the heap, up to the connection's own allowance ({@code
 *       ownLineBytes}); a longer line takes one of the shared {@link LargeLines} places up to
 *       {@code maxLineBytes}. Beyond {@code maxLineBytes} the line is {@code line_too_long}, and
 *       {@code busy} when no place is free; either way it is discarded up to its newline and the
 *       next line is served.
 *   <li>lines are taken from the input only while the connection can take their replies: not
 *       while its unsent data is above the high-water mark (the client is not reading) or while
 *       it has {@code maxInFlight} requests still being answered elsewhere (budget, infer). The
 *       rest of the input then waits here (at most one read) and in the kernel's socket buffer,
 *       since reading stops until the connection can go on.
 * </ul>
 */
final class LineFramer extends ChannelInboundHandlerAdapter {

    /** Fired down the pipeline when a reply that was being answered elsewhere has been written. */
    static final Object RESUME = new Object();

    private static final io.netty.util.AttributeKey<Boolean> HOLDING = io.netty.util.AttributeKey.valueOf("dynnd.holdingInput");

    /** Whether lines {@code channel} sent are still waiting to be taken. */
    static boolean holdsInput(io.netty.channel.Channel channel) {
        return Boolean.TRUE.equals(channel.attr(HOLDING).get());
    }

    private final int ownLineBytes;
    private final int maxLineBytes;
    private final int maxInFlight;
    private final LargeLines largeLines;
    private ByteBuf held; // input not yet cut into lines
    private byte[] line; // the partial line, null when empty
    private int length;
    private boolean large; // holds a LargeLines place
    private boolean discarding;

    LineFramer(int ownLineBytes, int maxLineBytes, int maxInFlight, LargeLines largeLines) {
        this.ownLineBytes = ownLineBytes;
        this.maxLineBytes = maxLineBytes;
        this.maxInFlight = maxInFlight;
        this.largeLines = largeLines;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (held == null) {
            held = in;
        } else {
            // A read that was already under way when reading stopped: at most one.
            ByteBuf both = ctx.alloc().buffer(held.readableBytes() + in.readableBytes());
            both.writeBytes(held).writeBytes(in);
            held.release();
            in.release();
            held = both;
        }
        cut(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        cut(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == RESUME) {
            cut(ctx);
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            held.release();
            held = null;
        }
        endLine();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handlerRemoved(ctx);
        ctx.fireChannelInactive();
    }

    private boolean canGoOn(ChannelHandlerContext ctx) {
        return ctx.channel().isActive() && ctx.channel().isWritable() && HalfClose.inFlightCount(ctx.channel()) < maxInFlight;
    }

    private void cut(ChannelHandlerContext ctx) {
        while (held != null && held.isReadable() && canGoOn(ctx)) {
            int newline = held.forEachByte(ByteProcessor.FIND_LF);
            int end = newline < 0 ? held.writerIndex() : newline;
            append(ctx, held, end - held.readerIndex());
            if (newline >= 0) {
                held.skipBytes(1);
                lineEnded(ctx);
            }
        }
        if (held != null && !held.isReadable()) {
            held.release();
            held = null;
        }
        ctx.channel().attr(HOLDING).set(held != null);
        // Read more only when the input can be taken: otherwise it waits in the kernel. Once the
        // client has closed its sending side there is nothing more to read (and epoll refuses to
        // watch the socket for input again).
        boolean read = held == null && canGoOn(ctx);
        boolean inputOpen = !(ctx.channel() instanceof io.netty.channel.socket.DuplexChannel d && d.isInputShutdown());
        if (inputOpen && ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
        if (held == null) {
            HalfClose.closeIfDone(ctx.channel());
        }
    }

    private void append(ChannelHandlerContext ctx, ByteBuf from, int n) {
        if (discarding) {
            from.skipBytes(n);
            return;
        }
        int needed = length + n;
        if (needed > maxLineBytes) {
            refuse(ctx, from, n, ErrorCode.LINE_TOO_LONG,
                    "the request line is longer than " + maxLineBytes + " bytes; it was discarded whole");
            return;
        }
        if (needed > ownLineBytes && !large) {
            if (!largeLines.take()) {
                refuse(ctx, from, n, ErrorCode.BUSY, "lines over " + ownLineBytes + " bytes are being received from "
                        + largeLines.places() + " connections already; this one was discarded whole; try again later");
                return;
            }
            large = true;
        }
        if (line == null || line.length < needed) {
            int limit = large ? maxLineBytes : ownLineBytes;
            line = Arrays.copyOf(line == null ? new byte[0] : line, Math.min(limit, Math.max(needed, 2 * (line == null ? 256 : line.length))));
        }
        from.readBytes(line, length, n);
        length = needed;
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf from, int n, ErrorCode code, String message) {
        from.skipBytes(n);
        endLine();
        discarding = true;
        ctx.writeAndFlush(Replies.error(null, code, message));
    }

    private void lineEnded(ChannelHandlerContext ctx) {
        if (discarding) {
            discarding = false;
            return;
        }
        byte[] whole = line == null ? new byte[0] : Arrays.copyOf(line, length);
        endLine();
        ctx.fireChannelRead(whole);
    }

    private void endLine() {
        // A connection between lines keeps nothing: idle connections cost no heap for lines.
        line = null;
        length = 0;
        if (large) {
            large = false;
            largeLines.give();
        }
    }
}
