package dev.skiff.engine.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The directive keys of strategic merge patch. They steer the merge and never reach the result.
 */
final class Directives {

    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    /** The values of {@code $patch}. */
    enum PatchDirective {
        /** Use the patch's object (or list) instead of merging it. */
        REPLACE,
        /** Remove the object (or, in a merge list, the element with this merge key). */
        DELETE,
        /** Merge as usual; the default, accepted when spelled out in an object. */
        MERGE
    }

    private Directives() {
    }

    /** Whether a patch key is a directive rather than a field. */
    static boolean isDirective(String key) {
        return key.equals(PATCH) || key.equals(RETAIN_KEYS)
                || key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    }

    /** The {@code $patch} directive of an object of a patch, if it has one. */
    static Optional<PatchDirective> patchDirective(JsonNode patchObject) {
        JsonNode value = patchObject.get(PATCH);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(switch (value.isTextual() ? value.textValue() : "") {
            case "replace" -> PatchDirective.REPLACE;
            case "delete" -> PatchDirective.DELETE;
            case "merge" -> PatchDirective.MERGE;
            default -> throw new PatchException("unknown patch type: " + value + " in map: " + patchObject);
        });
    }

    /** The list a {@code $setElementOrder/<list>} key orders, empty for other keys. */
    static Optional<String> setElementOrderTarget(String key) {
        return target(key, SET_ELEMENT_ORDER, "invalid patch format of setElementOrder list");
    }

    /** The list a {@code $deleteFromPrimitiveList/<list>} key deletes from, empty for other keys. */
    static Optional<String> deleteFromPrimitiveListTarget(String key) {
        return target(key, DELETE_FROM_PRIMITIVE_LIST, "invalid patch format of primitive list");
    }

    private static Optional<String> target(String key, String prefix, String error) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        if (key.length() <= prefix.length() + 1 || key.charAt(prefix.length()) != '/') {
            throw new PatchException(error + ": " + key + " must have the form " + prefix + "/<field>");
        }
        return Optional.of(key.substring(prefix.length() + 1));
    }
}
