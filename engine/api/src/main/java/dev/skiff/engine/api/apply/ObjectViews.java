package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Copies of objects as field management looks at them, and the writing of their managed fields. */
final class ObjectViews {

    private ObjectViews() {}

    /** A copy without {@code metadata.managedFields}; null for null. */
    static ObjectNode withoutManagedFields(ObjectNode object) {
        if (object == null) {
            return null;
        }
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return copy;
    }

    /** Sets {@code metadata.managedFields}, or removes it when {@code managedFields} is null. */
    static void writeManagedFields(ObjectNode object, ArrayNode managedFields) {
        if (!(object.get("metadata") instanceof ObjectNode metadata)) {
            if (managedFields == null) {
                return;
            }
            object.set("metadata", JsonNodeFactory.instance.objectNode());
            writeManagedFields(object, managedFields);
            return;
        }
        if (managedFields == null) {
            metadata.remove("managedFields");
        } else {
            metadata.set("managedFields", managedFields);
        }
    }

    /**
     * {@code object} with the nodes that the kind's empty Go object always has ({@code spec: {}},
     * {@code containers: null}) filled in where missing, so that a create does not count them as new.
     */
    static JsonNode withZeroValue(KindSchema kind, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        fillMissing(copy, kind.zeroValue());
        return copy;
    }

    private static void fillMissing(ObjectNode target, ObjectNode zero) {
        for (Map.Entry<String, JsonNode> field : zero.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (existing == null) {
                target.set(field.getKey(), field.getValue().deepCopy());
            } else if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode zeroObject) {
                fillMissing(existingObject, zeroObject);
            }
        }
    }

    /** A copy of {@code config} without the given fields (top-level field paths, as in reset fields). */
    static ObjectNode without(ObjectNode config, FieldSet fields) {
        ObjectNode copy = config.deepCopy();
        for (FieldPath path : fields.paths()) {
            JsonNode parent = copy;
            List<PathElement> elements = path.elements();
            for (int i = 0; i < elements.size() - 1 && parent != null; i++) {
                parent = elements.get(i) instanceof PathElement.FieldName f ? parent.get(f.name()) : null;
            }
            if (parent instanceof ObjectNode object && path.last() instanceof PathElement.FieldName f) {
                object.remove(f.name());
            }
        }
        return copy;
    }
}
