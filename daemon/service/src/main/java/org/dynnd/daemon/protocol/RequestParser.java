package org.dynnd.daemon.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.governor.control.Objective;

/**
 * Turns one line into a validated {@link Request}, or a {@link ProtocolException} that says
 * what is wrong, where (the field) and what is allowed.
 */
public final class RequestParser {

    /** The largest latency budget taken, ms (one hour: anything more is a unit mistake). */
    public static final double MAX_LATENCY_MS = 3_600_000;
    /** The largest energy budget taken, mJ (10 kJ per inference). */
    public static final double MAX_ENERGY_MJ = 10_000_000;
    /** The largest power budget taken, W. */
    public static final double MAX_POWER_W = 10_000;
    /** The priority range. */
    public static final int MIN_PRIORITY = -1000;
    public static final int MAX_PRIORITY = 1000;

    private static final Set<String> ENVELOPE = Set.of("id", "op");
    private static final Set<String> BUDGET_FIELDS =
            Set.of("latency_ms", "energy_mj", "power_w", "min_accuracy", "objective", "priority");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // NaN and Infinity then parse and get the clearer invalid_value error below.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The longest string {@code id}, characters: replies echo it. */
    public static final int MAX_ID_CHARS = 64;
    /** The most bytes an echoed {@code id} takes in a reply (every character escaped as {@code \\uXXXX}). */
    public static final int MAX_ID_BYTES = MAX_ID_CHARS * 6 + 2;
    /** Names and values from the request are quoted in error messages up to this many characters. */
    static final int QUOTED_CHARS = 40;

    /**
     * Parses one line (without its newline): exactly one JSON value, in UTF-8 (no byte order
     * mark, no NUL byte, hence no UTF-16 or UTF-32), with no lone surrogate in any string.
     */
    public Request parse(byte[] line) throws ProtocolException {
        String text = Utf8Line.decode(line);
        JsonNode root;
        try (JsonParser p = mapper.createParser(text)) {
            root = mapper.readTree(p);
            if (root != null && p.nextToken() != null) {
                throw new ProtocolException(null, ErrorCode.MALFORMED_JSON, "the line holds more than one JSON value (more after"
                        + " character " + p.currentTokenLocation().getCharOffset() + "); send exactly one JSON object per line");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProtocolException(null, ErrorCode.MALFORMED_JSON,
                    "the line is not valid JSON: " + shorten(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new ProtocolException(null, ErrorCode.MALFORMED_JSON, "the line is not valid JSON: " + shorten(e.getMessage(), 200));
        }
        if (root == null || root.isMissingNode()) {
            throw new ProtocolException(null, ErrorCode.MALFORMED_JSON, "the line is empty; send one JSON object per line");
        }
        LoneSurrogates.refuse(root);
        if (!root.isObject()) {
            throw new ProtocolException(null, ErrorCode.INVALID_REQUEST,
                    "a request is a JSON object such as {\"id\":1,\"op\":\"hello\"}, got " + root.getNodeType());
        }
        return parse(root);
    }

    /** {@code 'text'} for an error message, cut to {@link #QUOTED_CHARS} characters. */
    static String quoted(String text) {
        return "'" + shorten(text, QUOTED_CHARS) + "'";
    }

    private static String shorten(String text, int most) {
        if (text == null || text.length() <= most) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(most - 1)) ? most - 1 : most;
        return text.substring(0, cut) + "… (" + text.length() + " characters)";
    }

    private Request parse(JsonNode root) throws ProtocolException {
        JsonNode id = root.path("id");
        if (id.isMissingNode()) {
            id = NullNode.getInstance();
        } else if (!(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
            throw new ProtocolException(null, ErrorCode.WRONG_TYPE, "field 'id' must be a string or an integer");
        } else if (id.isTextual() && id.asText().length() > MAX_ID_CHARS) {
            throw new ProtocolException(null, ErrorCode.INVALID_VALUE, "field 'id' is a string of " + id.asText().length()
                    + " characters; it may have " + MAX_ID_CHARS + " at most");
        } else if (id.isIntegralNumber() && !id.canConvertToLong()) {
            throw new ProtocolException(null, ErrorCode.INVALID_VALUE,
                    "field 'id' is an integer outside the 64-bit range; use a smaller one or a string");
        }
        JsonNode opNode = root.get("op");
        if (opNode == null) {
            throw new ProtocolException(id, ErrorCode.INVALID_REQUEST, "field 'op' is missing; the ops are " + Op.wireNames());
        }
        if (!opNode.isTextual()) {
            throw new ProtocolException(id, ErrorCode.WRONG_TYPE, "field 'op' must be a string; the ops are " + Op.wireNames());
        }
        Op op = Op.fromWire(opNode.asText()).orElse(null);
        if (op == null) {
            throw new ProtocolException(id, ErrorCode.UNKNOWN_OP,
                    "unknown op " + quoted(opNode.asText()) + "; the ops are " + Op.wireNames());
        }
        return switch (op) {
            case HELLO -> noFields(root, id, new Request.Hello(id));
            case RELEASE -> noFields(root, id, new Request.Release(id));
            case STATUS -> noFields(root, id, new Request.Status(id));
            case SUBSCRIBE -> noFields(root, id, new Request.Subscribe(id));
            case UNSUBSCRIBE -> noFields(root, id, new Request.Unsubscribe(id));
            case INFER -> infer(root, id);
            case BUDGET -> budget(root, id);
            case LEASES -> leases(root, id);
        };
    }

    private static Request noFields(JsonNode root, JsonNode id, Request request) throws ProtocolException {
        onlyFields(root, id, request.op(), Set.of());
        return request;
    }

    private static void onlyFields(JsonNode root, JsonNode id, Op op, Set<String> allowed) throws ProtocolException {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ENVELOPE.contains(name) && !allowed.contains(name)) {
                throw new ProtocolException(id, ErrorCode.UNKNOWN_FIELD, "op '" + op.wireName() + "' takes no field "
                        + quoted(name) + (allowed.isEmpty() ? "" : "; its fields are " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    private static Request infer(JsonNode root, JsonNode id) throws ProtocolException {
        onlyFields(root, id, Op.INFER, Set.of("image"));
        JsonNode image = root.get("image");
        if (image == null) {
            throw new ProtocolException(id, ErrorCode.INVALID_REQUEST,
                    "op 'infer' needs field 'image': PNG, JPEG, or raw 28x28 grey / 32x32 RGB bytes, in base64");
        }
        if (!image.isTextual()) {
            throw new ProtocolException(id, ErrorCode.WRONG_TYPE, "field 'image' must be a base64 string");
        }
        return new Request.Infer(id, image.asText());
    }

    private static Request leases(JsonNode root, JsonNode id) throws ProtocolException {
        onlyFields(root, id, Op.LEASES, Set.of("offset", "limit"));
        int offset = integer(root, id, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = integer(root, id, "limit", Replies.LEASES_PAGE, 1, Replies.LEASES_PAGE);
        return new Request.Leases(id, offset, limit);
    }

    private static int integer(JsonNode root, JsonNode id, String field, int absent, int min, int max) throws ProtocolException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber()) {
            throw new ProtocolException(id, ErrorCode.WRONG_TYPE, "field '" + field + "' must be an integer");
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new ProtocolException(id, ErrorCode.INVALID_VALUE, "field '" + field + "' is " + shorten(node.asText(), QUOTED_CHARS)
                    + "; it is an integer from " + min + " to " + max);
        }
        return node.intValue();
    }

    private static Request budget(JsonNode root, JsonNode id) throws ProtocolException {
        onlyFields(root, id, Op.BUDGET, BUDGET_FIELDS);
        Double latency = positive(root, id, "latency_ms", MAX_LATENCY_MS);
        Double energy = positive(root, id, "energy_mj", MAX_ENERGY_MJ);
        Double power = positive(root, id, "power_w", MAX_POWER_W);
        Double accuracy = number(root, id, "min_accuracy");
        if (accuracy != null && (accuracy < 0 || accuracy > 100)) {
            throw new ProtocolException(id, ErrorCode.INVALID_VALUE,
                    "field 'min_accuracy' is " + accuracy + "; it is a top-1 accuracy in percent, 0 to 100");
        }
        Objective objective = Objective.MAX_ACCURACY;
        JsonNode objectiveNode = root.get("objective");
        if (objectiveNode != null) {
            if (!objectiveNode.isTextual()) {
                throw new ProtocolException(id, ErrorCode.WRONG_TYPE, "field 'objective' must be a string: max-accuracy or min-energy");
            }
            objective = Objective.find(objectiveNode.asText()).orElseThrow(() -> new ProtocolException(id,
                    ErrorCode.INVALID_VALUE, "field 'objective' is " + quoted(objectiveNode.asText()) + "; it is max-accuracy or min-energy"));
        }
        int priority = integer(root, id, "priority", 0, MIN_PRIORITY, MAX_PRIORITY);
        ClientBudget budget = new ClientBudget(latency, energy, power, accuracy, objective);
        if (budget.unconstrained() && objectiveNode == null) {
            throw new ProtocolException(id, ErrorCode.INVALID_REQUEST, "op 'budget' needs at least one of latency_ms, "
                    + "energy_mj, power_w, min_accuracy or objective; use 'release' to drop a budget");
        }
        return new Request.SetBudget(id, budget, priority);
    }

    private static Double positive(JsonNode root, JsonNode id, String field, double max) throws ProtocolException {
        Double value = number(root, id, field);
        if (value != null && (value <= 0 || value > max)) {
            throw new ProtocolException(id, ErrorCode.INVALID_VALUE,
                    "field '" + field + "' is " + value + "; it must be greater than 0 and at most " + max);
        }
        return value;
    }

    private static Double number(JsonNode root, JsonNode id, String field) throws ProtocolException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new ProtocolException(id, ErrorCode.WRONG_TYPE,
                    "field '" + field + "' must be a number, got " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new ProtocolException(id, ErrorCode.INVALID_VALUE, "field '" + field + "' must be a finite number, got " + value);
        }
        return value;
    }
}
