package dev.skiff.engine.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.Optional;

/** Controller owner references: the one a controller puts on what it makes, and finding it again. */
public final class OwnerReferences {
    private OwnerReferences() {
    }

    /** The reference that makes {@code owner} the controller of an object, blocking its foreground deletion. */
    public static ObjectNode controlledBy(JsonNode owner) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", owner.path("apiVersion").asText());
        ref.put("kind", owner.path("kind").asText());
        ref.put("name", Json.text(owner, "metadata.name"));
        ref.put("uid", Json.text(owner, "metadata.uid"));
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    /** The object's controller reference, if it has one. */
    public static Optional<JsonNode> controllerOf(JsonNode object) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return Optional.of(ref);
            }
        }
        return Optional.empty();
    }

    /** Removes the reference to {@code ownerUid} from the object (and the list, when it empties). */
    public static ObjectNode without(ObjectNode object, String ownerUid) {
        com.fasterxml.jackson.databind.node.ArrayNode kept = Json.NODES.arrayNode();
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (!ownerUid.equals(ref.path("uid").asText())) {
                kept.add(ref);
            }
        }
        if (kept.isEmpty()) {
            Json.metadata(object).remove("ownerReferences");
        } else {
            Json.metadata(object).set("ownerReferences", kept);
        }
        return object;
    }
}
