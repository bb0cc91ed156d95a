package dev.skiff.engine.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Identity of list elements in a strategic merge patch: an element of a list of objects is named by its
 * merge key's value, a primitive element by itself. Values compare as JSON values (80 equals 80.0), the way
 * Kubernetes compares them after decoding every number as a float.
 */
final class ListElements {

    /** What a list holds; Kubernetes merges lists of objects by key and lists of primitives as sets. */
    enum Kind { OBJECTS, PRIMITIVES, NONE }

    private ListElements() {
    }

    /** The element's identity: its merge key's value, or the element itself when there is no merge key. */
    static JsonNode key(JsonNode element, String mergeKey) {
        if (mergeKey == null) {
            return element;
        }
        JsonNode value = element.isObject() ? element.get(mergeKey) : null;
        if (value == null) {
            throw new PatchException("map: " + element + " does not contain declared merge key: " + mergeKey);
        }
        return value;
    }

    /** The identities of all elements, in order. */
    static List<JsonNode> keys(Iterable<? extends JsonNode> elements, String mergeKey) {
        List<JsonNode> keys = new ArrayList<>();
        elements.forEach(element -> keys.add(key(element, mergeKey)));
        return keys;
    }

    /** Position of a key among keys, -1 when absent. */
    static int indexOf(List<JsonNode> keys, JsonNode key) {
        for (int i = 0; i < keys.size(); i++) {
            if (same(keys.get(i), key)) {
                return i;
            }
        }
        return -1;
    }

    static boolean contains(List<JsonNode> keys, JsonNode key) {
        return indexOf(keys, key) >= 0;
    }

    /** JSON equality, with numbers equal by value whatever their Java representation. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * What the given lists hold together. Kubernetes requires all elements of a merged list to share one
     * JSON type and rejects lists of lists.
     */
    static Kind kindOf(String field, JsonNode... lists) {
        String firstType = null;
        for (JsonNode list : lists) {
            for (JsonNode element : list) {
                if (element.isArray()) {
                    throw new PatchException("lists of lists are not supported: " + field);
                }
                String type = element.getNodeType().name();
                if (firstType == null) {
                    firstType = type;
                } else if (!firstType.equals(type)) {
                    throw new PatchException("list element types are not identical in " + field + ": "
                            + String.join(" and ", Arrays.stream(lists).map(JsonNode::toString).toList()));
                }
            }
        }
        if (firstType == null) {
            return Kind.NONE;
        }
        return firstType.equals("OBJECT") ? Kind.OBJECTS : Kind.PRIMITIVES;
    }
}
