package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Test helpers: JSON written with single quotes for readability. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode obj(String singleQuoted) {
        return (ObjectNode) node(singleQuoted);
    }

    static JsonNode node(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fieldsV1 of the entry of {@code manager} with {@code operation}, or null. */
    static JsonNode fieldsOf(JsonNode object, String manager, String operation) {
        JsonNode entry = entryOf(object, manager, operation);
        return entry == null ? null : entry.get("fieldsV1");
    }

    static JsonNode entryOf(JsonNode object, String manager, String operation) {
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(manager) && entry.path("operation").asText().equals(operation)) {
                return entry;
            }
        }
        return null;
    }
}
