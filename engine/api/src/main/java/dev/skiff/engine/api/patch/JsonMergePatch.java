package dev.skiff.engine.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386, {@code application/merge-patch+json}): objects merge recursively, {@code null}
 * removes a field, everything else (lists included) replaces. The patch of a Kubernetes object must itself
 * be an object, since replacing the whole object by a non-object could never be stored.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /**
     * Applies a JSON merge patch.
     *
     * @param original the live object; not modified (null counts as an empty object)
     * @param patch    the patch, a JSON object; not modified
     * @return the patched object, a new tree
     * @throws PatchException when the patch is not a JSON object
     */
    public static ObjectNode apply(JsonNode original, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new PatchException("invalid JSON merge patch: it must be a JSON object, not "
                    + (patch == null ? "nothing" : patch.getNodeType().name().toLowerCase()));
        }
        ObjectNode target = original != null && original.isObject()
                ? (ObjectNode) original.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        return mergeInto(target, (ObjectNode) patch);
    }

    private static ObjectNode mergeInto(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject()) {
                JsonNode current = target.get(name);
                ObjectNode base = current != null && current.isObject()
                        ? (ObjectNode) current
                        : JsonNodeFactory.instance.objectNode();
                target.set(name, mergeInto(base, (ObjectNode) value));
            } else {
                target.set(name, value.deepCopy());
            }
        }
        return target;
    }
}
