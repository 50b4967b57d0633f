package org.dynnd.daemon.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.dynnd.daemon.protocol.ProtocolException;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.protocol.RequestParser;

/**
 * Turns each whole line (from {@link LineFramer}) into a validated request, and each bad line
 * into an error reply. The connection stays open either way.
 */
final class RequestDecoder extends MessageToMessageDecoder<byte[]> {

    private final RequestParser parser = new RequestParser();

    RequestDecoder() {
        super(byte[].class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, byte[] line, List<Object> out) {
        try {
            out.add(parser.parse(line));
        } catch (ProtocolException e) {
            ctx.writeAndFlush(Replies.error(e));
        }
    }
}
