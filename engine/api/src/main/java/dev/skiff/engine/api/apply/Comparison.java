package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields that differ between two versions of an object: leaves whose value changed
 * ({@code modified}), and fields, list items and objects that appeared ({@code added}) or
 * disappeared ({@code removed}). An object or list that merely gained or lost content is not
 * itself added or modified; one that appeared as a whole is, which becomes the {@code ".": {}}
 * of an {@code Update} entry.
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    static Comparison between(TypeSchema root, JsonNode before, JsonNode after) {
        Collector collector = new Collector();
        collector.walk(root, before, after, FieldPath.ROOT);
        return new Comparison(collector.added.build(), collector.modified.build(), collector.removed.build());
    }

    /** This comparison without the given fields and anything below them. */
    Comparison excluding(FieldSet ignored) {
        return new Comparison(
                added.recursiveDifference(ignored),
                modified.recursiveDifference(ignored),
                removed.recursiveDifference(ignored));
    }

    /** The fields that now have a value they did not have before. */
    FieldSet changed() {
        return added.union(modified);
    }

    private static final class Collector {
        final FieldSet.Builder added = new FieldSet.Builder();
        final FieldSet.Builder modified = new FieldSet.Builder();
        final FieldSet.Builder removed = new FieldSet.Builder();

        void walk(TypeSchema schema, JsonNode before, JsonNode after, FieldPath path) {
            Shape shape = Shape.of(schema, before, after);
            if (shape == Shape.LEAF || (Shape.isEmptyContainer(before) && Shape.isEmptyContainer(after))) {
                leaf(before, after, path);
                return;
            }
            if (shape == Shape.OBJECT) {
                Set<String> names = new LinkedHashSet<>();
                if (before != null && before.isObject()) {
                    before.fieldNames().forEachRemaining(names::add);
                }
                if (after != null && after.isObject()) {
                    after.fieldNames().forEachRemaining(names::add);
                }
                for (String name : names) {
                    walk(Shape.fieldOf(schema, name), child(before, name), child(after, name), path.child(name));
                }
            } else {
                items(schema, before, after, path);
            }
            if (!path.isRoot()) {
                if (before == null) {
                    added.insert(path);
                } else if (after == null) {
                    removed.insert(path);
                }
            }
        }

        private void leaf(JsonNode before, JsonNode after, FieldPath path) {
            if (path.isRoot()) {
                return;
            }
            if (before == null) {
                added.insert(path);
            } else if (after == null) {
                removed.insert(path);
            } else if (!JsonValues.same(before, after)) {
                modified.insert(path);
            }
        }

        private void items(TypeSchema list, JsonNode before, JsonNode after, FieldPath path) {
            Map<PathElement, List<JsonNode>> beforeItems = group(list, before);
            Map<PathElement, List<JsonNode>> afterItems = group(list, after);
            Set<PathElement> all = new LinkedHashSet<>(beforeItems.keySet());
            all.addAll(afterItems.keySet());
            TypeSchema element = Shape.elementOf(list);
            for (PathElement e : all) {
                List<JsonNode> b = beforeItems.getOrDefault(e, List.of());
                List<JsonNode> a = afterItems.getOrDefault(e, List.of());
                FieldPath itemPath = path.child(e);
                if (b.size() <= 1 && a.size() <= 1) {
                    walk(element, b.isEmpty() ? null : b.getFirst(), a.isEmpty() ? null : a.getFirst(), itemPath);
                } else if (b.isEmpty()) {
                    added.insert(itemPath);
                } else if (a.isEmpty()) {
                    removed.insert(itemPath);
                } else if (!sameItems(b, a)) {
                    // Duplicated keys (allowed in live objects) are compared as one value.
                    modified.insert(itemPath);
                }
            }
        }

        private static boolean sameItems(List<JsonNode> a, List<JsonNode> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!JsonValues.same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }

        private static Map<PathElement, List<JsonNode>> group(TypeSchema list, JsonNode array) {
            Map<PathElement, List<JsonNode>> items = new java.util.LinkedHashMap<>();
            if (array != null && array.isArray()) {
                for (JsonNode item : array) {
                    items.computeIfAbsent(ListItems.identify(list, item).element(), k -> new ArrayList<>()).add(item);
                }
            }
            return items;
        }

        private static JsonNode child(JsonNode object, String name) {
            return object != null && object.isObject() ? object.get(name) : null;
        }
    }
}
