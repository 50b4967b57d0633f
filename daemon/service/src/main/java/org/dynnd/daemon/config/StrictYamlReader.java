package org.dynnd.daemon.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads a YAML document into an immutable record of type {@code T}: the configuration, a board
 * preset, a scenario. Strict on purpose: an unknown key, a duplicate key, a key without a value,
 * a value of the wrong type or refused by the record's own checks ({@link InvalidValueException})
 * is an error, reported as one line naming the file, the line and column, the key, what is wrong
 * and what is allowed.
 *
 * @param <T> the record the document describes
 */
public final class StrictYamlReader<T> {

    // An empty plain value (`key:`) reads as null, so the loader can refuse it; "" stays a string.
    private final YAMLFactory yaml = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private final ObjectMapper mapper = JsonMapper.builder(yaml)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final Class<T> type;
    private final Supplier<T> emptyDocument;
    private final String noun;

    /**
     * @param type the record to read
     * @param emptyDocument the value of a document with no content
     * @param noun what the file is, for messages ({@code "configuration file"})
     */
    public StrictYamlReader(Class<T> type, Supplier<T> emptyDocument, String noun) {
        this.type = type;
        this.emptyDocument = emptyDocument;
        this.noun = noun;
    }

    /** Reads and checks {@code file}. */
    public T load(Path file) throws ConfigException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a folder; allowed: a YAML file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such " + noun);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": permission denied reading the " + noun);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the " + noun + ": " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text; allowed: a YAML file in UTF-8");
        }
        return parse(text, file.toString());
    }

    /** Parses {@code text}; {@code source} names it in messages. An empty document means every default. */
    public T parse(String text, String source) throws ConfigException {
        YamlLocations locations = YamlLocations.scan(yaml, text);
        var empty = locations.firstKeyWithoutValue();
        if (empty.isPresent()) {
            throw new ConfigException(source + ":" + locations.of(empty.get()).orElseThrow() + ": " + empty.get()
                    + ": has no value; allowed: a value, or leave the key out for its default");
        }
        try {
            if (isEmptyDocument(text)) {
                return emptyDocument.get();
            }
            T value = mapper.readValue(text, type);
            return value == null ? emptyDocument.get() : value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(e, locations, source), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A document of only comments and blank lines. */
    private boolean isEmptyDocument(String text) throws IOException {
        try (var parser = yaml.createParser(text)) {
            return parser.nextToken() == null;
        }
    }

    private String describe(JsonProcessingException e, YamlLocations locations, String source) {
        StreamReadException syntax = syntaxError(e);
        if (syntax == null && e instanceof JsonMappingException mapping) {
            String key = keyOf(mapping);
            String problem;
            if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidValueException invalid) {
                key = key.isEmpty() ? invalid.field() : key + "." + invalid.field();
                problem = invalid.getMessage();
            } else if (e instanceof UnrecognizedPropertyException unknown) {
                problem = "unknown key '" + unknown.getPropertyName() + "'; allowed here: " + sorted(unknown.getKnownPropertyIds());
            } else if (e instanceof InvalidFormatException format) {
                problem = "'" + format.getValue() + "' is not " + expected(format.getTargetType());
            } else if (e instanceof MismatchedInputException mismatch) {
                problem = key.isEmpty()
                        ? "the file must be a mapping of keys to values; allowed keys: " + sorted(topLevelKeys())
                        : locations.scalar(key).map(v -> "'" + v + "' is not ").orElse("wrong type; allowed: ")
                                + expected(mismatch.getTargetType());
            } else {
                problem = e.getOriginalMessage();
            }
            String where = locations.of(key).map(Object::toString).orElseGet(() -> position(e));
            return source + ":" + where + ": " + (key.isEmpty() ? "" : key + ": ") + problem;
        }
        // Syntax errors and duplicate keys: the parser knows where.
        String message = syntax == null ? e.getOriginalMessage() : syntax.getOriginalMessage();
        message = String.join("; ", message.strip().lines().map(String::strip).toList());
        String where = position(syntax == null ? e : syntax);
        MarkedYAMLException marked = markedYaml(e);
        if (marked != null && marked.getProblemMark() != null) {
            // SnakeYAML's own text repeats the offending line with a caret; keep only the words.
            message = (marked.getContext() == null ? "" : marked.getContext() + ": ") + marked.getProblem();
            where = (marked.getProblemMark().getLine() + 1) + ":" + (marked.getProblemMark().getColumn() + 1);
        }
        String key = e instanceof JsonMappingException mapping ? keyOf(mapping) : "";
        return source + ":" + where + ": " + (key.isEmpty() ? "" : key + ": ") + "YAML syntax error: " + message;
    }

    private static MarkedYAMLException markedYaml(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    /** The parser's own error, when binding failed because the text is not valid YAML. */
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException read && !(t instanceof JsonMappingException)) {
                return read;
            }
        }
        return null;
    }

    private static String keyOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String position(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "?:?" : location.getLineNr() + ":" + location.getColumnNr();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        return "a " + type.getSimpleName();
    }

    private List<String> topLevelKeys() {
        return java.util.Arrays.stream(type.getRecordComponents())
                .map(c -> PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()))
                .toList();
    }

    private static String sorted(Collection<Object> names) {
        return names.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String sorted(List<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
