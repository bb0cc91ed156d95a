package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The fields an applied configuration sets: every leaf, every list-map and set item it names
 * (so {@code ".": {}} appears under each container), and every field set to null or {@code {}}.
 * An object field with content is not itself a member, which is why an apply of labels records
 * {@code {"f:labels":{"f:app":{}}}}.
 */
final class AppliedFields {

    private AppliedFields() {}

    static FieldSet of(TypeSchema root, JsonNode object) {
        FieldSet.Builder set = new FieldSet.Builder();
        walk(root, object, FieldPath.ROOT, set);
        return set.build();
    }

    private static void walk(TypeSchema schema, JsonNode value, FieldPath path, FieldSet.Builder set) {
        switch (Shape.of(schema, value)) {
            case LEAF -> set.insert(path);
            case OBJECT -> {
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    FieldPath child = path.child(field.getKey());
                    walk(Shape.fieldOf(schema, field.getKey()), field.getValue(), child, set);
                    if (Shape.isEmptyContainer(field.getValue()) && field.getValue().isObject()) {
                        set.insert(child);
                    }
                }
            }
            case LIST -> {
                TypeSchema element = Shape.elementOf(schema);
                for (JsonNode item : value) {
                    FieldPath child = path.child(ListItems.identify(schema, item).element());
                    walk(element, item, child, set);
                    set.insert(child);
                }
            }
        }
    }
}
