package org.dynnd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import org.dynnd.daemon.protocol.Replies;
import org.junit.jupiter.api.Test;

/** The framing and coding handlers without a socket. */
class PipelineTest {

    @Test
    void encoderWritesOneLinePerReply() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder());
        assertThat(ch.writeOutbound(Replies.object().put("x", 1))).isTrue();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}\n");
        out.release();
    }

    @Test
    void badLineBecomesErrorReplyThroughTheEncoder() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new LineBasedFrameDecoder(64, true, true), new RequestDecoder(64));
        ch.writeInbound(Unpooled.copiedBuffer("{oops\n", StandardCharsets.UTF_8));
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"code\":\"malformed_json\"").endsWith("\n");
        out.release();
        ch.writeInbound(Unpooled.copiedBuffer("x".repeat(100) + "\n{\"op\":\"hello\"}\n", StandardCharsets.UTF_8));
        ByteBuf tooLong = ch.readOutbound();
        assertThat(tooLong.toString(StandardCharsets.UTF_8)).contains("line_too_long");
        tooLong.release();
        Object hello = ch.readInbound();
        assertThat(hello).isInstanceOf(org.dynnd.daemon.protocol.Request.Hello.class);
    }
}
