package org.dynnd.daemon.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.UncheckedIOException;

/**
 * The replies of one arbitration round, encoded once: every request of the round gets the same
 * outcome, so its JSON is written once and each reply adds only its id and its own fields (such
 * as {@code met} and {@code lease}). A round of 1,000 budgets then encodes one outcome, not 1,000.
 */
final class SharedReply {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HEAD = "{\"id\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] OK = ",\"ok\":true,\"result\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final byte[] shared; // the encoded outcome, an object

    SharedReply(ObjectNode outcome) {
        this.shared = bytes(outcome);
    }

    /**
     * {@code {"id":id,"ok":true,"result":{…outcome…, …own…}}} and its newline, as the encoder
     * would write {@code Replies.ok(id, outcome + own)}.
     */
    ByteBuf reply(JsonNode id, ObjectNode own) {
        byte[] idBytes = bytes(id == null ? NullNode.getInstance() : id);
        byte[] ownBytes = bytes(own);
        boolean ownEmpty = ownBytes.length == 2;
        ByteBuf out = Unpooled.buffer(HEAD.length + idBytes.length + OK.length + shared.length + ownBytes.length + 2);
        out.writeBytes(HEAD).writeBytes(idBytes).writeBytes(OK);
        if (ownEmpty) {
            out.writeBytes(shared);
        } else {
            // Both are objects: drop the outcome's closing brace and own's opening one.
            out.writeBytes(shared, 0, shared.length - 1).writeByte(',').writeBytes(ownBytes, 1, ownBytes.length - 1);
        }
        return out.writeByte('}').writeByte('\n');
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
