package org.dynnd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.protocol.Request;
import org.junit.jupiter.api.Test;

/** The framing and coding handlers without a socket. */
class PipelineTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static List<String> linesOut(EmbeddedChannel ch) {
        List<String> lines = new ArrayList<>();
        Object line;
        while ((line = ch.readInbound()) != null) {
            lines.add(new String((byte[]) line, StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static List<String> repliesOut(EmbeddedChannel ch) {
        List<String> replies = new ArrayList<>();
        ByteBuf out;
        while ((out = ch.readOutbound()) != null) {
            replies.add(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return replies;
    }

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
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new LineFramer(32, 64, 4, new LargeLines(1)), new RequestDecoder());
        ch.writeInbound(bytes("{oops\n"));
        assertThat(repliesOut(ch)).singleElement().asString().contains("\"code\":\"malformed_json\"").endsWith("\n");
        ch.writeInbound(bytes("x".repeat(100) + "\n{\"op\":\"hello\"}\n"));
        assertThat(repliesOut(ch)).singleElement().asString().contains("line_too_long");
        Object hello = ch.readInbound();
        assertThat(hello).isInstanceOf(Request.Hello.class);
    }

    @Test
    void aLineSplitAcrossReadsIsPassedOnWholeAndLinesAroundALongOneLoseNoByte() {
        LargeLines places = new LargeLines(1);
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new LineFramer(8, 20, 4, places));
        ch.writeInbound(bytes("abc"));
        ch.writeInbound(bytes("def\n0123456789"));
        assertThat(places.taken()).as("a line beyond its own allowance takes a shared place").isEqualTo(1);
        ch.writeInbound(bytes("0123456789ABCDEF")); // 26 bytes: too long, refused at once
        assertThat(places.taken()).isZero();
        ch.writeInbound(bytes("rest of it\nnext\n\n"));
        assertThat(linesOut(ch)).containsExactly("abcdef", "next", "");
        assertThat(repliesOut(ch)).singleElement().asString().contains("line_too_long", "20 bytes");
    }

    @Test
    void aLongLineWithoutAFreePlaceIsRefusedWholeAsBusy() {
        LargeLines places = new LargeLines(1);
        assertThat(places.take()).isTrue(); // another connection holds the only place
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new LineFramer(8, 20, 4, places));
        ch.writeInbound(bytes("0123456789\nshort\n"));
        assertThat(linesOut(ch)).containsExactly("short");
        assertThat(repliesOut(ch)).singleElement().asString().contains("\"busy\"");
        places.give();
        ch.writeInbound(bytes("0123456789\n"));
        assertThat(linesOut(ch)).containsExactly("0123456789");
        assertThat(places.taken()).isZero();
    }

    @Test
    void linesWaitWhileTheClientDoesNotReadItsReplies() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new LineFramer(64, 64, 4, new LargeLines(0)));
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
        ch.write(Unpooled.buffer(32).writeZero(32)); // unsent: above the high-water mark
        assertThat(ch.isWritable()).isFalse();
        ch.writeInbound(bytes("a\nb\n"));
        assertThat(linesOut(ch)).isEmpty();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.flush(); // the client read it
        assertThat(linesOut(ch)).containsExactly("a", "b");
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void linesWaitWhileTheConnectionHasTheMostRequestsInFlight() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new LineFramer(64, 64, 2, new LargeLines(0)));
        HalfClose.begin(ch);
        HalfClose.begin(ch);
        ch.writeInbound(bytes("a\nb\n"));
        assertThat(linesOut(ch)).isEmpty();
        HalfClose.finish(ch, Replies.object());
        ch.runPendingTasks();
        assertThat(linesOut(ch)).containsExactly("a", "b");
    }

    @Test
    void aSharedReplyIsTheReplyTheEncoderWouldWrite() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode outcome = Replies.object().put("feasible", true);
        outcome.putArray("sources").add(Replies.object().put("client", 3));
        SharedReply shared = new SharedReply(outcome);
        com.fasterxml.jackson.databind.node.ObjectNode own = Replies.object().put("met", false);
        com.fasterxml.jackson.databind.JsonNode id = com.fasterxml.jackson.databind.node.TextNode.valueOf("a\"b");
        ByteBuf reply = shared.reply(id, own);
        com.fasterxml.jackson.databind.node.ObjectNode whole = outcome.deepCopy().setAll(own);
        assertThat(reply.toString(StandardCharsets.UTF_8)).isEqualTo(json.writeValueAsString(Replies.ok(id, whole)) + "\n");
        reply.release();
        ByteBuf bare = shared.reply(null, Replies.object());
        assertThat(bare.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":null,\"ok\":true,\"result\":" + json.writeValueAsString(outcome) + "}\n");
        bare.release();
    }
}
