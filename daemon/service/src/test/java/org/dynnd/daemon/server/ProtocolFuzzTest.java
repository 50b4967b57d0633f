package org.dynnd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.dynnd.daemon.protocol.ImageDecoder;
import org.dynnd.daemon.protocol.ProtocolException;
import org.dynnd.daemon.protocol.RequestParser;
import org.dynnd.daemon.service.DecodedImage;

/**
 * Coverage-guided fuzzing (Jazzer) of everything a client's bytes reach before a request is
 * served: the line framer, the parser and the image decoder. Each must answer every input with a
 * result or its own refusal, never another exception. The build's fuzzing executions (failsafe,
 * {@code JAZZER_FUZZ=1}) first run the committed inputs (src/test/resources/.../ProtocolFuzzTestInputs)
 * and then fuzz each for a few seconds; the ordinary test run leaves this class out, since Jazzer's
 * agent would instrument the classes of every later test. docs/protocol.md says how to fuzz longer.
 */
class ProtocolFuzzTest {

    private static final RequestParser PARSER = new RequestParser();
    private static final ImageDecoder DECODER = new ImageDecoder(64 * 64);

    @FuzzTest(maxDuration = "10s")
    void theParserTakesOrRefusesEveryLine(byte[] line) {
        try {
            assertThat(PARSER.parse(line)).isNotNull();
        } catch (ProtocolException refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(600);
            assertThat(refused.code()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void theDecoderTakesOrRefusesEveryImage(byte[] file) {
        try {
            DecodedImage image = DECODER.decode(Base64.getEncoder().encodeToString(file));
            assertThat((long) image.width() * image.height()).isLessThanOrEqualTo(64 * 64);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("field 'image'");
        }
    }

    @FuzzTest(maxDuration = "10s")
    void theFramerPassesEveryLineWholeOrRefusesIt(FuzzedDataProvider data) {
        int own = data.consumeInt(1, 64);
        int max = data.consumeInt(own, 256);
        LargeLines places = new LargeLines(data.consumeInt(0, 2));
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new LineFramer(own, max, 4, places));
        int newlines = 0;
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 300));
            for (byte b : chunk) {
                newlines += b == '\n' ? 1 : 0;
            }
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        int passed = 0;
        Object line;
        while ((line = ch.readInbound()) != null) {
            byte[] whole = (byte[]) line;
            assertThat(whole.length).isLessThanOrEqualTo(max);
            for (byte b : whole) {
                assertThat(b).isNotEqualTo((byte) '\n');
            }
            passed++;
        }
        int refused = 0;
        ByteBuf reply;
        while ((reply = ch.readOutbound()) != null) {
            assertThat(reply.toString(StandardCharsets.UTF_8)).containsAnyOf("line_too_long", "\"busy\"");
            reply.release();
            refused++;
        }
        // Every ended line was passed on or refused, once; a refused line may not have ended yet.
        assertThat(passed + refused).isBetween(newlines, newlines + 1);
        ch.finishAndReleaseAll();
        assertThat(places.taken()).isZero();
    }
}
