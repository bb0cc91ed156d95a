package dev.skiff.engine.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Merging of lists whose field has the {@code merge} patch strategy: lists of objects element by element
 * on the merge key (honouring {@code $patch: delete} and {@code $patch: replace} elements), lists of
 * primitives as sets. Also {@code $deleteFromPrimitiveList/<list>}, which applies to any list.
 */
final class ListMerge {

    private ListMerge() {
    }

    /** Merges {@code patch} into {@code live} (owned by the caller and reused) and returns the result. */
    static ArrayNode merge(ArrayNode live, ArrayNode patch, PatchField field, String listName) {
        if (live.isEmpty() && patch.isEmpty()) {
            return live;
        }
        return switch (ListElements.kindOf(listName, live, patch)) {
            case OBJECTS -> mergeObjects(live, patch, field, listName);
            case PRIMITIVES, NONE -> mergePrimitives(live, patch);
        };
    }

    /** Removes from {@code live} every value listed by {@code $deleteFromPrimitiveList/<list>}. */
    static ArrayNode deleteFromPrimitiveList(ArrayNode live, ArrayNode toDelete, String listName) {
        if (ListElements.kindOf(listName, live, toDelete) == ListElements.Kind.OBJECTS) {
            throw new PatchException("invalid patch format of primitive list: " + Directives.DELETE_FROM_PRIMITIVE_LIST
                    + "/" + listName + " applies only to lists of primitive values");
        }
        List<JsonNode> deletions = ElementOrder.list(toDelete);
        List<JsonNode> kept = new ArrayList<>();
        live.forEach(value -> {
            if (!ListElements.contains(deletions, value)) {
                kept.add(value);
            }
        });
        return ElementOrder.toArray(kept);
    }

    private static ArrayNode mergePrimitives(ArrayNode live, ArrayNode patch) {
        List<JsonNode> union = new ArrayList<>();
        for (JsonNode list : List.of(live, patch)) {
            list.forEach(value -> {
                if (!ListElements.contains(union, value)) {
                    union.add(value);
                }
            });
        }
        return ElementOrder.toArray(ElementOrder.arrange(union, ElementOrder.list(patch), ElementOrder.list(live), null));
    }

    private static ArrayNode mergeObjects(ArrayNode live, ArrayNode patch, PatchField field, String listName) {
        String mergeKey = field.mergeKey();
        if (mergeKey == null) {
            throw new PatchException("cannot merge lists without merge key for " + listName);
        }
        List<JsonNode> base = ElementOrder.list(live);
        List<ObjectNode> entries = new ArrayList<>();
        boolean replace = false;
        for (JsonNode element : patch) {
            var directive = Directives.patchDirective(element);
            if (directive.isEmpty()) {
                entries.add((ObjectNode) element);
                continue;
            }
            switch (directive.get()) {
                case DELETE -> {
                    JsonNode doomed = ListElements.key(element, mergeKey);
                    base.removeIf(candidate -> ListElements.same(candidate.get(mergeKey), doomed));
                }
                case REPLACE -> replace = true;
                case MERGE -> throw new PatchException("merging lists cannot yet be specified in the patch: "
                        + listName + " element " + element);
            }
        }
        if (replace) {
            // The list becomes the patch's other elements, taken as they are.
            base = new ArrayList<>(StrategicMergePatch.freshElements(entries, field));
            entries = List.of();
        }
        List<JsonNode> liveKeys = ListElements.keys(base, mergeKey);
        List<JsonNode> merged = new ArrayList<>(base);
        for (ObjectNode entry : entries) {
            // Searching the growing list lets a patch name the same element twice, as Kubernetes allows.
            int index = ListElements.indexOf(ListElements.keys(merged, mergeKey), ListElements.key(entry, mergeKey));
            if (index >= 0) {
                merged.set(index, StrategicMergePatch.mergeObject((ObjectNode) merged.get(index), entry, field.schema()));
            } else {
                merged.add(StrategicMergePatch.mergeObject(null, entry, field.schema()));
            }
        }
        List<JsonNode> patchKeys = ListElements.keys(entries, mergeKey);
        return ElementOrder.toArray(ElementOrder.arrange(merged, patchKeys, liveKeys, mergeKey));
    }
}
