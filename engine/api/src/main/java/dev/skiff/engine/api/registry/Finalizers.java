package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.ArrayList;
import java.util.List;

/** The {@code metadata.finalizers} of an object, and the two the garbage collector acts on. */
public final class Finalizers {
    /** Set by an Orphan delete: the garbage collector releases the dependents, then removes it. */
    public static final String ORPHAN = "orphan";
    /** Set by a Foreground delete: the garbage collector deletes the dependents first, then removes it. */
    public static final String FOREGROUND = "foregroundDeletion";

    private Finalizers() {
    }

    public static List<String> of(JsonNode object) {
        List<String> result = new ArrayList<>();
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            result.add(f.asText());
        }
        return result;
    }

    public static boolean has(JsonNode object) {
        return !of(object).isEmpty();
    }

    static String forPropagation(String policy) {
        if ("Orphan".equals(policy)) {
            return ORPHAN;
        }
        if ("Foreground".equals(policy)) {
            return FOREGROUND;
        }
        return null;
    }

    /** Adds the policy's finalizer; a later delete with another policy replaces the earlier one's. */
    static void applyPropagation(ObjectNode object, String policyFinalizer) {
        if (policyFinalizer == null) {
            return;
        }
        List<String> finalizers = of(object);
        finalizers.remove(policyFinalizer.equals(ORPHAN) ? FOREGROUND : ORPHAN);
        if (!finalizers.contains(policyFinalizer)) {
            finalizers.add(policyFinalizer);
        }
        set(object, finalizers);
    }

    public static void set(ObjectNode object, List<String> finalizers) {
        ObjectNode meta = Json.metadata(object);
        if (finalizers.isEmpty()) {
            meta.remove("finalizers");
            return;
        }
        ArrayNode array = meta.putArray("finalizers");
        finalizers.forEach(array::add);
    }

    static List<String> added(JsonNode old, JsonNode updated) {
        List<String> added = new ArrayList<>(of(updated));
        added.removeAll(of(old));
        return added;
    }
}
