package dev.skiff.engine.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The engine's one JSON mapper, and small helpers for reading fields of object trees. */
public final class Json {
    /** Parses and writes JSON; duplicate keys are rejected at parse time (strict decoding). */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Parses JSON letting a later duplicate key win, as Kubernetes does outside strict validation. */
    public static final ObjectMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return STRICT.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(JsonNode node) {
        try {
            return STRICT.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses bytes the engine wrote itself. */
    public static ObjectNode parseStored(byte[] bytes) {
        try {
            return (ObjectNode) LENIENT.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("stored object is not JSON", e);
        }
    }

    /** The text at a dotted path ("metadata.name"), or null when absent or not a scalar. */
    public static String text(JsonNode node, String path) {
        JsonNode n = at(node, path);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /** The node at a dotted path, or null. */
    public static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("\\.")) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(part);
        }
        return n;
    }

    /** The object at {@code field} of {@code parent}, created if absent or not an object. */
    public static ObjectNode child(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    public static ObjectNode metadata(ObjectNode object) {
        return child(object, "metadata");
    }

    /** Structural equality where numbers compare by value (2 as an int equals 2 as a long), as JSON means. */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };
}
