package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and fills fields of an object tree the way Go's decoder sees them.
 *
 * <p>Go cannot tell an absent non-pointer field from its zero value, so Kubernetes' defaulting replaces
 * {@code ""} and {@code 0} as well as absent values there; pointer fields are replaced only when absent or
 * {@code null}. Each helper says which of the two it follows. Values of the wrong JSON type are left alone:
 * decoding or validation reports them, defaulting never does.
 */
final class Fields {

    private Fields() {
    }

    /** The child object {@code name}, or null when it is absent or not an object. */
    static ObjectNode object(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode child ? child : null;
    }

    /**
     * The child object {@code name}, created when absent or {@code null} (a Go struct that is not a pointer
     * always exists); null when it holds some other type.
     */
    static ObjectNode objectOrNew(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (isUnset(child)) {
            return parent.putObject(name);
        }
        return child instanceof ObjectNode object ? object : null;
    }

    /** The objects in the array {@code name}; empty when it is absent or not an array. */
    static List<ObjectNode> objects(ObjectNode parent, String name) {
        List<ObjectNode> items = new ArrayList<>();
        if (parent.get(name) instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode object) {
                    items.add(object);
                }
            }
        }
        return items;
    }

    /** Whether a pointer field is unset: absent or {@code null}. */
    static boolean isUnset(JsonNode value) {
        return value == null || value.isNull();
    }

    /** Whether a non-pointer string field holds Go's zero value: absent, {@code null} or {@code ""}. */
    static boolean isEmptyString(JsonNode value) {
        return isUnset(value) || (value.isTextual() && value.asText().isEmpty());
    }

    /** Whether a non-pointer number field holds Go's zero value: absent, {@code null} or {@code 0}. */
    static boolean isZeroNumber(JsonNode value) {
        return isUnset(value) || (value.isNumber() && value.asDouble() == 0);
    }

    /** Whether a slice or map is empty in Go: absent, {@code null}, {@code []} or {@code {}}. */
    static boolean isEmptyCollection(JsonNode value) {
        return isUnset(value) || ((value.isArray() || value.isObject()) && value.isEmpty());
    }

    /** The string value of {@code name}, or {@code ""} when it is absent or not a string. */
    static String text(ObjectNode parent, String name) {
        JsonNode value = parent.get(name);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    /** Sets a non-pointer string field that holds Go's zero value. */
    static void defaultString(ObjectNode parent, String name, String value) {
        if (isEmptyString(parent.get(name))) {
            parent.put(name, value);
        }
    }

    /** Sets a pointer string field that is absent or {@code null}; {@code ""} counts as set. */
    static void defaultStringPointer(ObjectNode parent, String name, String value) {
        if (isUnset(parent.get(name))) {
            parent.put(name, value);
        }
    }

    /** Sets a non-pointer number field that holds Go's zero value. */
    static void defaultNumber(ObjectNode parent, String name, int value) {
        if (isZeroNumber(parent.get(name))) {
            parent.put(name, value);
        }
    }

    /** Sets a pointer number field that is absent or {@code null}; {@code 0} counts as set. */
    static void defaultNumberPointer(ObjectNode parent, String name, int value) {
        if (isUnset(parent.get(name))) {
            parent.put(name, value);
        }
    }

    /** Sets a pointer boolean field that is absent or {@code null}. */
    static void defaultBooleanPointer(ObjectNode parent, String name, boolean value) {
        if (isUnset(parent.get(name))) {
            parent.put(name, value);
        }
    }
}
