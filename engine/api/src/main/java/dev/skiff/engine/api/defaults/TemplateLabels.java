package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The labels of a pod template, which Kubernetes copies onto a Job or ReplicationController that has
 * none of its own.
 */
final class TemplateLabels {

    private TemplateLabels() {
    }

    /** The non-empty labels of {@code spec.template}, or null. */
    static ObjectNode of(ObjectNode spec) {
        ObjectNode template = Fields.object(spec, "template");
        ObjectNode metadata = template == null ? null : Fields.object(template, "metadata");
        ObjectNode labels = metadata == null ? null : Fields.object(metadata, "labels");
        return labels == null || labels.isEmpty() ? null : labels;
    }

    /** Gives {@code owner} a copy of {@code labels} when it has no labels of its own. */
    static void copyWhenUnlabelled(ObjectNode owner, ObjectNode labels) {
        ObjectNode metadata = Fields.objectOrNew(owner, "metadata");
        if (metadata != null && Fields.isEmptyCollection(metadata.get("labels"))) {
            metadata.set("labels", labels.deepCopy());
        }
    }
}
