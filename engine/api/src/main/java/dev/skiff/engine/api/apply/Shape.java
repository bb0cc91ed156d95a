package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a node is walked, given its schema and the values found there: as a single value
 * ({@link #LEAF}), field by field ({@link #OBJECT}) or item by item ({@link #LIST}). A value
 * that does not fit its schema (a live list-map with an item that has no key, a scalar where an
 * object is described) is handled as a leaf, so that walking a live object never fails.
 */
enum Shape {
    LEAF,
    OBJECT,
    LIST;

    /** The shape of a node; {@code null} means "absent", a JSON null means "explicitly null". */
    static Shape of(TypeSchema schema, JsonNode... values) {
        boolean anyValue = false;
        for (JsonNode v : values) {
            if (v != null && !v.isNull()) {
                anyValue = true;
                break;
            }
        }
        if (!anyValue) {
            return LEAF;
        }
        return switch (schema) {
            case TypeSchema.Atomic a -> LEAF;
            case TypeSchema.Granular g -> allAre(values, JsonNode::isObject) ? OBJECT : LEAF;
            case TypeSchema.ListMap m -> listShape(schema, values);
            case TypeSchema.ListSet s -> listShape(schema, values);
        };
    }

    private static Shape listShape(TypeSchema schema, JsonNode[] values) {
        if (!allAre(values, JsonNode::isArray)) {
            return LEAF;
        }
        for (JsonNode v : values) {
            if (v != null && v.isArray() && ListItems.index(schema, v).isEmpty()) {
                return LEAF;
            }
        }
        return LIST;
    }

    private static boolean allAre(JsonNode[] values, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode v : values) {
            if (v != null && !v.isNull() && !test.test(v)) {
                return false;
            }
        }
        return true;
    }

    /** An absent node, a JSON null, or an empty object or array: compared and merged as a leaf. */
    static boolean isEmptyContainer(JsonNode v) {
        return v == null || v.isNull() || ((v.isObject() || v.isArray()) && v.isEmpty());
    }

    /** The schema of list items. */
    static TypeSchema elementOf(TypeSchema list) {
        return list instanceof TypeSchema.ListMap map ? map.element() : TypeSchema.ATOMIC;
    }

    /** The schema of a field of an object. */
    static TypeSchema fieldOf(TypeSchema object, String name) {
        return object instanceof TypeSchema.Granular g ? g.field(name) : TypeSchema.DEDUCED;
    }
}
