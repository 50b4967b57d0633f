package org.dynnd.daemon.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a request line that must be UTF-8 and nothing else. JSON parsers guess UTF-16 and
 * UTF-32 from a byte order mark or from NUL bytes; the protocol is UTF-8 only, so a BOM, a NUL
 * byte (which UTF-16 and UTF-32 put in every ASCII character) and any byte sequence that is not
 * UTF-8 (including encoded surrogates) are refused, each with where it is.
 */
final class Utf8Line {

    private Utf8Line() {}

    static String decode(byte[] line) throws ProtocolException {
        if (line.length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf) {
            throw malformed("the line starts with a byte order mark (EF BB BF); send UTF-8 without one");
        }
        for (int i = 0; i < line.length; i++) {
            if (line[i] == 0) {
                throw malformed("byte " + i + " is NUL: a line is UTF-8 JSON (UTF-16 and UTF-32 are refused)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(line);
        CharBuffer out = CharBuffer.allocate(line.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw malformed("bytes from " + in.position() + " are not UTF-8; a line is UTF-8 JSON (UTF-16 and UTF-32 are refused)");
        }
        try {
            result = decoder.flush(out);
            if (result.isError()) {
                result.throwException();
            }
        } catch (CharacterCodingException e) {
            throw malformed("the line ends inside a UTF-8 character");
        }
        return out.flip().toString();
    }

    private static ProtocolException malformed(String message) {
        return new ProtocolException(null, ErrorCode.MALFORMED_JSON, message);
    }
}
