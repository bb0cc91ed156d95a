package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds object trees from JSON text, and applies defaults to them, for tests. */
final class Manifests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The object after defaulting, with group, version and kind read from its apiVersion and kind. */
    static ObjectNode defaulted(String text) {
        ObjectNode object = (ObjectNode) json(text);
        applyDefaults(object);
        return object;
    }

    static void applyDefaults(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        Defaults.apply(group, version, object.path("kind").asText(), object);
    }
}
