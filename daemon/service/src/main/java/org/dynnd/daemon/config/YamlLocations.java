package org.dynnd.daemon.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The line and column of every key of a YAML document, by dotted path ({@code governor.period_ms},
 * {@code access.read_ops.2}). Jackson reports where it was when a value failed, which for a
 * record's own check is the end of the section; this lets an error point at the key itself.
 */
final class YamlLocations {

    /** A 1-based position in the file. */
    record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    private final Map<String, Position> byPath;
    private final List<String> keysWithoutValue;
    private final Map<String, String> scalars;

    private YamlLocations(Map<String, Position> byPath, List<String> keysWithoutValue, Map<String, String> scalars) {
        this.byPath = byPath;
        this.keysWithoutValue = keysWithoutValue;
        this.scalars = scalars;
    }

    /** The text of the scalar value at {@code path}, as written. */
    Optional<String> scalar(String path) {
        return Optional.ofNullable(scalars.get(path));
    }

    /** Scans {@code text}; a document that does not parse yields no positions (the loader reports the syntax error). */
    static YamlLocations scan(YAMLFactory factory, String text) {
        Map<String, Position> positions = new HashMap<>();
        List<String> withoutValue = new ArrayList<>();
        Map<String, String> scalars = new HashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        Frame top = stack.peek();
                        if (top != null) {
                            top.key = parser.currentName();
                            positions.put(top.childPath(), position(parser.currentTokenLocation()));
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String path = stack.isEmpty() ? "" : stack.peek().childPathAndAdvance(parser, positions);
                        stack.push(new Frame(path, token == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> stack.pop();
                    default -> {
                        if (!stack.isEmpty()) {
                            String path = stack.peek().childPathAndAdvance(parser, positions);
                            if (token == JsonToken.VALUE_NULL) {
                                withoutValue.add(path);
                            } else {
                                scalars.put(path, parser.getText());
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new YamlLocations(Map.of(), List.of(), Map.of());
        }
        return new YamlLocations(positions, withoutValue, scalars);
    }

    /**
     * The first key written without a value ({@code period_ms:}), if any. Binding cannot tell it
     * from a key left out, which takes its default; an explicit empty value is more likely a
     * mistake, so the loader refuses it.
     */
    Optional<String> firstKeyWithoutValue() {
        return keysWithoutValue.stream().findFirst();
    }

    /** The position of the key at {@code path}, if the document has it. */
    Optional<Position> of(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static Position position(JsonLocation location) {
        return new Position(location.getLineNr(), location.getColumnNr());
    }

    /** One open mapping or sequence while scanning. */
    private static final class Frame {
        final String path;
        final boolean sequence;
        String key;
        int index;

        Frame(String path, boolean sequence) {
            this.path = path;
            this.sequence = sequence;
        }

        String childPath() {
            String leaf = sequence ? Integer.toString(index) : key;
            return path.isEmpty() ? leaf : path + "." + leaf;
        }

        /** The path of the value just read; sequence items get their position recorded here. */
        String childPathAndAdvance(JsonParser parser, Map<String, Position> positions) {
            String child = childPath();
            if (sequence) {
                positions.put(child, position(parser.currentTokenLocation()));
                index++;
            }
            return child;
        }
    }
}
