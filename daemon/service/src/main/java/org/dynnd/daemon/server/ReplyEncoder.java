package org.dynnd.daemon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes each reply or event as one line of JSON; one instance serves every connection (Jackson's mapper is thread-safe). */
@Sharable
final class ReplyEncoder extends MessageToByteEncoder<JsonNode> {

    private final ObjectMapper mapper = new ObjectMapper();

    ReplyEncoder() {
        super(JsonNode.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, JsonNode msg, ByteBuf out) throws Exception {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            mapper.writeValue((java.io.OutputStream) stream, msg);
        }
        out.writeByte('\n');
    }
}
