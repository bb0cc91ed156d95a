package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a custom resource schema's {@code default} values the way the apiextensions defaulter does:
 * an absent property (or a {@code null} in a non-nullable one) gets a copy of its default, then the
 * defaulter walks into every property and array item, including those it just filled in.
 */
public final class Defaulting {

    private Defaulting() {
    }

    /** Sets defaults in {@code object} in place. */
    public static void applyDefaults(ObjectNode object, StructuralSchema root) {
        defaultValue(object, root);
    }

    private static void defaultValue(JsonNode value, StructuralSchema schema) {
        if (schema == null) {
            return;
        }
        if (value instanceof ObjectNode object) {
            schema.properties().forEach((name, property) -> {
                if (property.defaultValue() == null) {
                    return;
                }
                JsonNode current = object.get(name);
                if (current == null || (current.isNull() && !property.nullable())) {
                    object.set(name, property.defaultValue().deepCopy());
                }
            });
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                defaultValue(object.get(name), schema.propertySchema(name));
            }
        } else if (value instanceof ArrayNode array && schema.items() != null) {
            StructuralSchema items = schema.items();
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNull() && !items.nullable() && items.defaultValue() != null) {
                    array.set(i, items.defaultValue().deepCopy());
                }
                defaultValue(array.get(i), items);
            }
        }
    }
}
