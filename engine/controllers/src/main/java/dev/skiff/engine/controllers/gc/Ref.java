package dev.skiff.engine.controllers.gc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;

/** An object the garbage collector acts on: its kind, namespace, name and uid. */
record Ref(ResourceType type, String namespace, String name, String uid) {

    static Ref of(ResourceRegistry resources, String key, JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        ResourceType type = resources.byKind(group, object.path("kind").asText("")).orElse(null);
        if (type == null || !type.key(Json.text(object, "metadata.namespace"), Json.text(object, "metadata.name"))
                .equals(key)) {
            return null;
        }
        return new Ref(type, type.namespaced() ? Json.text(object, "metadata.namespace") : null,
                Json.text(object, "metadata.name"), Json.text(object, "metadata.uid"));
    }

    static Ref at(ResourceRegistry resources, GenericRegistry registry, String key) {
        return registry.store().get(key).map(o -> of(resources, key, Json.parseStored(o.value()))).orElse(null);
    }

    @Override
    public String toString() {
        return type.qualifiedPlural() + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
