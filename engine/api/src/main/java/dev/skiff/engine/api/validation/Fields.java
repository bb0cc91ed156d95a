package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON object the way Go's decoder fills a struct: an absent or null field is the zero value
 * ({@code ""}, {@code 0}, an empty list), so the rules below read like Kubernetes' own.
 */
final class Fields {

    private Fields() {
    }

    /** Whether the field is present and not null (a Go pointer that is not nil). */
    static boolean has(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && !value.isNull() && !value.isMissingNode();
    }

    /** The field as a string, {@code ""} when absent. */
    static String text(JsonNode node, String name) {
        if (!has(node, name)) {
            return "";
        }
        JsonNode value = node.get(name);
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The field as an integer, {@code fallback} when absent or not a number. */
    static long number(JsonNode node, String name, long fallback) {
        if (!has(node, name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** The field as a boolean, false when absent. */
    static boolean flag(JsonNode node, String name) {
        return has(node, name) && node.get(name).asBoolean(false);
    }

    /** The field itself, or a missing node (whose reads all give zero values). */
    static JsonNode object(JsonNode node, String name) {
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node.path(name);
    }

    /** The elements of a list field; empty when absent. */
    static List<JsonNode> list(JsonNode node, String name) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode value = node == null ? null : node.get(name);
        if (value != null && value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    /** The strings of a list field; empty when absent. */
    static List<String> strings(JsonNode node, String name) {
        List<String> out = stringsOrNull(node, name);
        return out == null ? new ArrayList<>() : out;
    }

    /** The strings of a list field, or null when absent (Go's nil slice prints differently from an empty one). */
    static List<String> stringsOrNull(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.isNull() ? "" : v.asText()));
        return out;
    }

    /** The entries of a map field in document order; empty when absent. */
    static List<Map.Entry<String, JsonNode>> entries(JsonNode node, String name) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        JsonNode value = node == null ? null : node.get(name);
        if (value != null && value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    /** Whether a list or map field has at least one element. */
    static boolean nonEmpty(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && (value.isArray() || value.isObject()) && !value.isEmpty();
    }
}
