package org.dynnd.daemon.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.dynnd.daemon.protocol.ErrorCode;
import org.dynnd.daemon.protocol.ProtocolException;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.protocol.RequestParser;

/**
 * Turns each line into a validated request, and each bad line (or over-long one, which the frame
 * decoder reports as an exception) into an error reply. The connection stays open either way.
 */
final class RequestDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final RequestParser parser = new RequestParser();
    private final int maxLineBytes;

    RequestDecoder(int maxLineBytes) {
        super(ByteBuf.class);
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        try {
            out.add(parser.parse(ByteBufUtil.getBytes(line)));
        } catch (ProtocolException e) {
            ctx.writeAndFlush(Replies.error(e));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // The frame decoder discards the rest of the line and carries on with the next one.
            ctx.writeAndFlush(Replies.error(null, ErrorCode.LINE_TOO_LONG,
                    "the request line is longer than " + maxLineBytes + " bytes; it was discarded"));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
