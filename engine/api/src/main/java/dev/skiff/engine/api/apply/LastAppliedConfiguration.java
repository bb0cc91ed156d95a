package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the API server does with kubectl's client-side apply annotation when {@code kubectl}
 * applies server-side: conflicts on fields that the annotation still describes correctly are
 * forced (the client-side to server-side upgrade), and the annotation is kept in step with the
 * applied configuration (so the user can go back to client-side apply).
 */
final class LastAppliedConfiguration {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    /** Only kubectl's default server-side field manager gets this treatment. */
    static final String KUBECTL_MANAGER = "kubectl";

    /** Kubernetes' limit on the total size of an object's annotations. */
    private static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private LastAppliedConfiguration() {}

    /**
     * The fields whose conflicts may be forced: those in the live object's last-applied
     * configuration that still have the value it recorded. Empty if there is no usable annotation.
     */
    static Optional<FieldSet> allowedConflicts(KindSchema kind, JsonNode live, String apiVersion) {
        Optional<String> annotation = annotation(live);
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        JsonNode lastApplied;
        try {
            lastApplied = JsonValues.MAPPER.readTree(annotation.get());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (!lastApplied.isObject() || !apiVersion.equals(lastApplied.path("apiVersion").asText())
                || !ApplyValidation.errors(kind.root(), lastApplied).isEmpty()) {
            return Optional.empty();
        }
        ObjectNode liveView = ((ObjectNode) live).deepCopy();
        if (liveView.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        Comparison drift = Comparison.between(kind.root(), lastApplied, liveView);
        return Optional.of(AppliedFields.of(kind.root(), lastApplied)
                .difference(drift.modified())
                .difference(drift.added())
                .difference(drift.removed()));
    }

    /** If {@code result} carries the annotation, sets it to the applied configuration. */
    static void keepInStep(ObjectNode result, JsonNode applied) {
        if (annotation(result).isEmpty()) {
            return;
        }
        ObjectNode config = ((ObjectNode) applied).deepCopy();
        if (config.path("metadata").get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(ANNOTATION);
        }
        // Go's JSON encoder ends its output with a newline, and kubectl's annotation has one too.
        String value = JsonValues.goJson(config) + "\n";
        ObjectNode annotations = (ObjectNode) result.get("metadata").get("annotations");
        annotations.put(ANNOTATION, value);
        if (totalSize(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT) {
            annotations.remove(ANNOTATION);
        }
    }

    private static Optional<String> annotation(JsonNode object) {
        JsonNode value = object == null ? null : object.path("metadata").path("annotations").get(ANNOTATION);
        return value != null && value.isTextual() && !value.textValue().isEmpty()
                ? Optional.of(value.textValue())
                : Optional.empty();
    }

    private static long totalSize(ObjectNode annotations) {
        long size = 0;
        for (Map.Entry<String, JsonNode> e : annotations.properties()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }
}
