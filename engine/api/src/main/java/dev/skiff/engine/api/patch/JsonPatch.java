package dev.skiff.engine.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.EnumSet;
import java.util.Objects;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}): a list of {@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy} and {@code test} operations applied in order, all or nothing.
 * Applied by zjsonpatch; its failures become {@link PatchException}s that name the failing operation.
 */
public final class JsonPatch {

    /** Removing a field that does not exist fails, as it does in Kubernetes. */
    private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatch() {
    }

    /**
     * Applies a JSON patch.
     *
     * @param original the live object; not modified
     * @param patch    the operations, a JSON array; not modified
     * @return the patched document, a new tree
     * @throws PatchException when an operation is malformed or fails (a {@code test} that does not hold,
     *                        a path that does not exist)
     */
    public static JsonNode apply(JsonNode original, JsonNode patch) {
        Objects.requireNonNull(original, "original");
        if (patch == null || !patch.isArray()) {
            throw new PatchException("invalid JSON patch: it must be a JSON array of operations");
        }
        JsonNode result = original;
        // One operation at a time, so that a failure can say which operation failed.
        for (int i = 0; i < patch.size(); i++) {
            JsonNode operation = patch.get(i);
            result = applyOperation(result, operation, i);
        }
        return result == original ? original.deepCopy() : result;
    }

    private static JsonNode applyOperation(JsonNode document, JsonNode operation, int index) {
        try {
            return io.fabric8.zjsonpatch.JsonPatch.apply(JsonNodeFactory.instance.arrayNode().add(operation), document, FLAGS);
        } catch (JsonPatchException | IllegalArgumentException e) {
            throw new PatchException("JSON patch operation " + index + " " + describe(operation) + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static String describe(JsonNode operation) {
        if (!operation.isObject()) {
            return operation.toString();
        }
        String op = operation.path("op").asText("?");
        String path = operation.path("path").asText("?");
        return operation.has("from") ? "(" + op + " from " + operation.path("from").asText() + " to " + path + ")"
                : "(" + op + " " + path + ")";
    }
}
