package org.dynnd.daemon.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What protocol.md says the parser refuses, it refuses; what it takes, it takes. */
class RequestParserTest {

    private final RequestParser parser = new RequestParser();

    private ProtocolException refused(byte[] line) {
        ProtocolException e = catchThrowableOfType(() -> parser.parse(line), ProtocolException.class);
        assertThat(e).as("refused: %s", new String(line, StandardCharsets.ISO_8859_1)).isNotNull();
        return e;
    }

    private ProtocolException refused(String line) {
        return refused(line.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":81,\"op\":\"status\"} {\"id\":82,\"op\":\"status\"}",
        "{\"id\":81,\"op\":\"status\"} x",
        "{\"id\":81,\"op\":\"status\"},",
        "{\"id\":81,\"op\":\"status\"}]",
        "{\"id\":81,\"op\":\"status\"}1",
        "{\"id\":81,\"op\":\"status\"}\u0000",
    })
    void contentAfterTheJsonValueIsMalformed(String line) {
        assertThat(refused(line).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void trailingWhitespaceIsFine() throws Exception {
        assertThat(parser.parse("{\"id\":1,\"op\":\"status\"} \t\r".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Request.Status.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE", "UTF-32"})
    void utf16And32AreRefusedWithOrWithoutBom(String charset) {
        Charset cs = Charset.forName(charset);
        String request = "{\"id\":1,\"op\":\"status\"}";
        assertThat(refused(request.getBytes(cs)).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        byte[] bom = "\uFEFF".getBytes(cs);
        byte[] body = request.getBytes(cs);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);
        assertThat(refused(withBom).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void aUtf8BomAndBytesThatAreNotUtf8AreRefusedSayingWhere() {
        assertThat(refused("\uFEFF{\"op\":\"hello\"}").getMessage()).contains("byte order mark");
        byte[] latin1 = "{\"id\":\"caf\u00e9\",\"op\":\"hello\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refused(latin1).getMessage()).contains("bytes from 10", "not UTF-8");
        byte[] encodedSurrogate = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'};
        assertThat(refused(encodedSurrogate).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"\\ud800\",\"op\":\"hello\"}",
        "{\"id\":1,\"op\":\"hello\\udc00\"}",
        "{\"id\":1,\"op\":\"infer\",\"image\":\"AAAA\\ud83d\"}",
        "{\"id\":1,\"op\":\"budget\",\"objective\":\"\\udfff\\ud800\"}",
        "{\"\\ud800\":1,\"op\":\"hello\"}",
        "[\"\\ud800\"]",
    })
    void loneSurrogatesAreRefusedInKeysAndValues(String line) {
        ProtocolException e = refused(line);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).contains("surrogate");
    }

    @Test
    void aPairedSurrogateIsACharacter() throws Exception {
        Request r = parser.parse("{\"id\":\"\\ud83d\\ude00\",\"op\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.id().asText()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void idsAreBoundedSoThatRepliesAre() throws Exception {
        String ok = "x".repeat(RequestParser.MAX_ID_CHARS);
        assertThat(parser.parse(("{\"id\":\"" + ok + "\",\"op\":\"hello\"}").getBytes(StandardCharsets.UTF_8)).id().asText()).isEqualTo(ok);
        ProtocolException tooLong = refused("{\"id\":\"" + ok + "x\",\"op\":\"hello\"}");
        assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(tooLong.id() == null || tooLong.id().isNull()).as("a refused id is not echoed").isTrue();
        assertThat(refused("{\"id\":" + "9".repeat(30) + ",\"op\":\"hello\"}").code()).isEqualTo(ErrorCode.INVALID_VALUE);
    }

    @Test
    void namesAndValuesQuotedInErrorsAreCut() {
        String huge = "q".repeat(100_000);
        assertThat(refused("{\"op\":\"" + huge + "\"}").getMessage()).hasSizeLessThan(300).contains("100000 characters");
        assertThat(refused("{\"op\":\"hello\",\"" + huge + "\":1}").getMessage()).hasSizeLessThan(300);
        assertThat(refused("{\"op\":\"budget\",\"objective\":\"" + huge + "\"}").getMessage()).hasSizeLessThan(300);
        assertThat(refused("{\"op\":\"budget\",\"priority\":" + "7".repeat(5000) + "}").getMessage()).hasSizeLessThan(300);
        assertThat(refused("{\"op\":" + huge + "}").getMessage()).hasSizeLessThan(400);
    }

    @Test
    void leasesTakesAnOffsetAndALimit() throws Exception {
        Request.Leases r = (Request.Leases) parser.parse("{\"op\":\"leases\",\"offset\":24,\"limit\":3}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.offset()).isEqualTo(24);
        assertThat(r.limit()).isEqualTo(3);
        assertThat(refused("{\"op\":\"leases\",\"offset\":-1}").code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(refused("{\"op\":\"leases\",\"limit\":\"all\"}").code()).isEqualTo(ErrorCode.WRONG_TYPE);
    }
}
