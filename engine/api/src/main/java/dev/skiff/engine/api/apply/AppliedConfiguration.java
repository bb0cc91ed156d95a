package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Checks the body of an apply request before anything is merged, with the API server's messages:
 * an object with {@code apiVersion} and {@code kind} of the requested type, no
 * {@code metadata.managedFields}, and a structure that fits the kind.
 */
final class AppliedConfiguration {

    private AppliedConfiguration() {}

    /**
     * The body as an object.
     *
     * @throws ApplyException if it is not an applicable object of the requested version and kind
     */
    static ObjectNode checked(JsonNode applied, String apiVersion, ObjectNode live) {
        if (applied == null || !applied.isObject()) {
            throw new ApplyException("the body of an apply patch must be a single object, not "
                    + (applied == null ? "nothing" : applied.getNodeType().toString().toLowerCase()));
        }
        ObjectNode config = (ObjectNode) applied;
        String kind = config.path("kind").asText("");
        if (kind.isEmpty()) {
            throw new ApplyException("Object 'Kind' is missing in '" + JsonValues.goJson(config) + "'");
        }
        String version = config.path("apiVersion").asText("");
        if (version.isEmpty()) {
            throw new ApplyException("Object 'apiVersion' is missing in '" + JsonValues.goJson(config) + "'");
        }
        boolean kindMismatch = live != null && live.hasNonNull("kind") && !live.get("kind").asText().equals(kind);
        if (!version.equals(apiVersion) || kindMismatch) {
            throw new ApplyException("invalid object type: " + groupVersionKind(version, kind));
        }
        JsonNode managedFields = config.path("metadata").get("managedFields");
        if (managedFields != null && !managedFields.isNull()) {
            throw new ApplyException("metadata.managedFields must be nil");
        }
        return config;
    }

    /**
     * Checks list-map keys, duplicates and shapes.
     *
     * @throws ApplyException listing every problem found
     */
    static void checkStructure(ObjectNode config, KindSchema kind) {
        List<String> errors = ApplyValidation.errors(kind.root(), config);
        if (!errors.isEmpty()) {
            JsonNode metadata = config.path("metadata");
            throw new ApplyException("failed to create typed patch object ("
                    + metadata.path("namespace").asText("") + "/" + metadata.path("name").asText("") + "; "
                    + groupVersionKind(config.get("apiVersion").asText(), kind.kind()) + "): "
                    + ApplyValidation.describe(errors));
        }
    }

    /** Go's {@code schema.GroupVersionKind} string, e.g. {@code apps/v1, Kind=Deployment} or {@code /v1, Kind=Pod}. */
    private static String groupVersionKind(String apiVersion, String kind) {
        String groupVersion = apiVersion.contains("/") ? apiVersion : "/" + apiVersion;
        return groupVersion + ", Kind=" + kind;
    }
}
