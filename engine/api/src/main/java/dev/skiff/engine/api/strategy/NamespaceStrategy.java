package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;

/**
 * Namespaces start Active and always carry the {@code kubernetes} finalizer in {@code spec.finalizers}; the
 * namespace controller removes it once the namespace is empty. Updates cannot change those finalizers.
 */
final class NamespaceStrategy extends GenericStrategy {
    /** The finalizer that holds a namespace until everything in it is gone. */
    static final String KUBERNETES_FINALIZER = "kubernetes";

    NamespaceStrategy() {
        super(NameRule.DNS1123_LABEL, false, true);
    }

    @Override
    public void prepareForCreate(ObjectNode ns) {
        ns.putObject("status").put("phase", "Active");
        ArrayNode finalizers = Json.child(ns, "spec").withArray("finalizers");
        for (JsonNode f : finalizers) {
            if (KUBERNETES_FINALIZER.equals(f.asText())) {
                return;
            }
        }
        finalizers.add(KUBERNETES_FINALIZER);
    }

    @Override
    public void prepareForUpdate(ObjectNode updated, ObjectNode old) {
        super.prepareForUpdate(updated, old);
        JsonNode oldFinalizers = old.path("spec").path("finalizers");
        if (oldFinalizers.isMissingNode()) {
            Json.child(updated, "spec").remove("finalizers");
        } else {
            Json.child(updated, "spec").set("finalizers", oldFinalizers.deepCopy());
        }
    }
}
