package org.dynnd.daemon.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses a request whose keys or string values hold a lone surrogate (a {@code \\uD800}-style
 * escape without its pair): it is no character, and could not be echoed back as UTF-8.
 */
final class LoneSurrogates {

    private LoneSurrogates() {}

    static void refuse(JsonNode node) throws ProtocolException {
        if (node.isTextual()) {
            check(node.textValue(), "a string value");
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                check(field.getKey(), "a key");
                refuse(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                refuse(element);
            }
        }
    }

    private static void check(String s, String where) throws ProtocolException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ProtocolException(null, ErrorCode.MALFORMED_JSON, String.format(java.util.Locale.ROOT,
                        "%s holds a lone surrogate \\u%04X at character %d: it is not a character", where, (int) c, i));
            }
        }
    }
}
