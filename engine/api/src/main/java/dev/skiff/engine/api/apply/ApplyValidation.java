package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that an applied configuration fits the structure of its kind, with the messages of
 * structured-merge-diff: list-maps must be lists of objects that each carry at least one key,
 * without duplicates; sets must be lists of distinct scalars; described objects must be objects.
 */
final class ApplyValidation {

    private ApplyValidation() {}

    /** The problems found, each prefixed with the path where it was found; empty if none. */
    static List<String> errors(TypeSchema root, JsonNode object) {
        List<String> errors = new ArrayList<>();
        walk(root, object, FieldPath.ROOT, errors);
        return errors;
    }

    /** Several errors formatted as the API server formats them. */
    static String describe(List<String> errors) {
        if (errors.size() == 1) {
            return errors.getFirst();
        }
        return "errors:\n  " + String.join("\n  ", errors);
    }

    private static void walk(TypeSchema schema, JsonNode value, FieldPath path, List<String> errors) {
        if (value == null || value.isNull()) {
            return;
        }
        switch (schema) {
            case TypeSchema.Atomic atomic -> {
                // Anything goes: replaced as a whole.
            }
            case TypeSchema.Granular object -> {
                if (!value.isObject()) {
                    if (!object.fields().isEmpty()) {
                        errors.add(at(path, "expected map, got " + JsonValues.goJson(value)));
                    }
                    return;
                }
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    walk(object.field(field.getKey()), field.getValue(), path.child(field.getKey()), errors);
                }
            }
            case TypeSchema.ListMap list -> items(list, value, path, errors);
            case TypeSchema.ListSet list -> items(list, value, path, errors);
        }
    }

    private static void items(TypeSchema list, JsonNode value, FieldPath path, List<String> errors) {
        if (!value.isArray()) {
            errors.add(at(path, "expected list, got " + JsonValues.goJson(value)));
            return;
        }
        Set<PathElement> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            ListItems.Identified id = ListItems.identify(list, value.get(i));
            if (!id.ok()) {
                // Without its key an item cannot be placed, and neither can anything inside it.
                errors.add(at(path, "element " + i + ": " + id.error()));
                return;
            }
            if (!seen.add(id.element())) {
                errors.add(at(path, "duplicate entries for key " + id.element().display()));
            }
            walk(Shape.elementOf(list), value.get(i), path.child(id.element()), errors);
        }
    }

    private static String at(FieldPath path, String message) {
        return path.isRoot() ? message : path + ": " + message;
    }
}
