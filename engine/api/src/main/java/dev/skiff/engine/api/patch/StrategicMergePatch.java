package dev.skiff.engine.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}), applied as the API
 * server applies it: objects merge recursively and {@code null} deletes a field; lists whose field has the
 * {@code merge} strategy merge by merge key (lists of objects) or as sets (lists of primitives), all other
 * lists are replaced; the directives {@code $patch}, {@code $retainKeys}, {@code $setElementOrder/<list>} and
 * {@code $deleteFromPrimitiveList/<list>} steer the merge and never appear in the result.
 *
 * <p>Where Kubernetes leaves a directive's traces (a {@code $patch: delete} object becomes {@code {}}, a
 * {@code $patch: replace} object added where the live object had nothing is dropped) the typed decoding of
 * its API server hides or bends them; Skiff stores JSON trees, so here a deleted object's field is removed and
 * a replacing object is kept.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {
    }

    /**
     * Applies a strategic merge patch.
     *
     * @param original the live object; not modified
     * @param patch    the patch, a JSON object; not modified
     * @param schema   the patch strategies of the object's kind, from {@link PatchStrategies#forKind}
     * @return the patched object, a new tree
     * @throws PatchException when the patch is malformed
     */
    public static ObjectNode apply(JsonNode original, JsonNode patch, PatchSchema schema) {
        Objects.requireNonNull(schema, "schema");
        if (patch == null || !patch.isObject()) {
            throw new PatchException("invalid JSON document: a strategic merge patch must be a JSON object, not "
                    + (patch == null ? "nothing" : patch.getNodeType().name().toLowerCase()));
        }
        ObjectNode live;
        if (original == null || original.isNull() || original.isMissingNode()) {
            live = JsonNodeFactory.instance.objectNode();
        } else if (original.isObject()) {
            live = (ObjectNode) original.deepCopy();
        } else {
            throw new PatchException("invalid JSON document: the object to patch must be a JSON object");
        }
        ObjectNode result = mergeObject(live, (ObjectNode) patch, schema);
        return result == null ? JsonNodeFactory.instance.objectNode() : result;
    }

    /**
     * Merges a patch object into a live object, which is reused; {@code live == null} builds the object
     * from the patch alone.
     *
     * @return the merged object, or null when the patch deletes it ({@code $patch: delete})
     */
    static ObjectNode mergeObject(ObjectNode live, ObjectNode patch, PatchSchema schema) {
        var directive = Directives.patchDirective(patch);
        if (directive.isPresent()) {
            switch (directive.get()) {
                case DELETE -> {
                    return null;
                }
                case REPLACE -> {
                    ObjectNode replacement = patch.deepCopy();
                    replacement.remove(Directives.PATCH);
                    return mergeObject(null, replacement, schema);
                }
                case MERGE -> { }
            }
        }
        ObjectNode result = live != null ? live : JsonNodeFactory.instance.objectNode();
        retainKeys(result, patch);
        Set<String> ordered = ElementOrder.applySetElementOrders(result, patch, schema);
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            String deleteFrom = Directives.deleteFromPrimitiveListTarget(name).orElse(null);
            if (deleteFrom != null) {
                deleteFromPrimitiveList(result, deleteFrom, entry.getValue());
            } else if (!Directives.isDirective(name) && !ordered.contains(name)) {
                mergeField(result, name, entry.getValue(), schema.field(name));
            }
        }
        return result;
    }

    /** Merges one field of a patch object into the result object. */
    private static void mergeField(ObjectNode result, String name, JsonNode patchValue, PatchField field) {
        if (patchValue.isNull()) {
            result.remove(name);
            return;
        }
        JsonNode current = result.get(name);
        JsonNode merged;
        if (current != null && current.isObject() && patchValue.isObject()) {
            merged = mergeObject((ObjectNode) current, (ObjectNode) patchValue, field.schema());
        } else if (current != null && current.isArray() && patchValue.isArray()) {
            merged = mergeList((ArrayNode) current, (ArrayNode) patchValue, field, name);
        } else {
            merged = fresh(patchValue, field);
        }
        if (merged == null) {
            result.remove(name);
        } else {
            result.set(name, merged);
        }
    }

    /** Merges a patch list into a live list by the field's strategy: merge, or replace. */
    static ArrayNode mergeList(ArrayNode live, ArrayNode patch, PatchField field, String name) {
        return field.merge() ? ListMerge.merge(live, patch, field, name) : freshList(patch, field);
    }

    /**
     * A value built from the patch alone, where the live object has nothing to merge with: nulls and
     * directives dropped, {@code $patch} elements of lists left out.
     *
     * @return the value, or null when the patch deletes it
     */
    static JsonNode fresh(JsonNode patchValue, PatchField field) {
        if (patchValue.isObject()) {
            return mergeObject(null, (ObjectNode) patchValue, field.schema());
        }
        if (patchValue.isArray()) {
            return freshList((ArrayNode) patchValue, field);
        }
        return patchValue;
    }

    /** A list built from a patch list alone; elements carrying {@code $patch} only steer merges and are dropped. */
    static ArrayNode freshList(ArrayNode patchList, PatchField field) {
        return ElementOrder.toArray(freshElements(patchList, field));
    }

    static List<JsonNode> freshElements(Iterable<? extends JsonNode> patchElements, PatchField field) {
        List<JsonNode> elements = new ArrayList<>();
        for (JsonNode element : patchElements) {
            if (element.isObject() && element.has(Directives.PATCH)) {
                continue;
            }
            elements.add(element.isArray() ? freshList((ArrayNode) element, PatchField.UNTAGGED)
                    : element.isObject() ? mergeObject(null, (ObjectNode) element, field.schema())
                    : element);
        }
        return elements;
    }

    /**
     * {@code $retainKeys}: the live object keeps only the listed fields; the patch may set no others.
     */
    private static void retainKeys(ObjectNode result, ObjectNode patch) {
        JsonNode directive = patch.get(Directives.RETAIN_KEYS);
        if (directive == null) {
            return;
        }
        if (!directive.isArray()) {
            throw new PatchException("invalid patch format of retainKeys: " + Directives.RETAIN_KEYS
                    + " must be a list of field names, not " + directive);
        }
        Set<String> retained = new HashSet<>();
        directive.forEach(key -> {
            if (key.isTextual()) {
                retained.add(key.textValue());
            }
        });
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            if (!entry.getValue().isNull() && !Directives.isDirective(name) && !retained.contains(name)) {
                throw new PatchException("invalid patch format of retainKeys: field " + name
                        + " is set but not listed in " + Directives.RETAIN_KEYS + " " + directive);
            }
        }
        result.properties().removeIf(field -> !retained.contains(field.getKey()));
    }

    private static void deleteFromPrimitiveList(ObjectNode result, String listName, JsonNode toDelete) {
        if (!toDelete.isArray()) {
            throw new PatchException("invalid patch format of primitive list: " + Directives.DELETE_FROM_PRIMITIVE_LIST
                    + "/" + listName + " must be a list, not " + toDelete);
        }
        JsonNode current = result.get(listName);
        if (current != null && current.isArray()) {
            result.set(listName, ListMerge.deleteFromPrimitiveList((ArrayNode) current, (ArrayNode) toDelete, listName));
        }
    }
}
