package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What field management needs to know about one kind.
 *
 * @param group API group ({@code ""} for the core group)
 * @param kind the kind, e.g. {@code Deployment}
 * @param root schema of the whole object
 * @param statusSubresource whether the kind has a {@code /status} subresource; if so a write to
 *     the main resource never changes {@code status} (its strategy resets it) and field management
 *     ignores it
 * @param statusResetFields fields a write to {@code /status} cannot change (its strategy resets
 *     them), e.g. {@code spec} and, for workloads, {@code metadata.labels}
 * @param zeroValue the nodes that the empty Go object of this kind already has ({@code spec: {}},
 *     {@code containers: null}, ...); a create compares against it, which is why a real cluster
 *     writes no {@code ".": {}} for {@code spec} but does for {@code metadata.labels}
 */
public record KindSchema(
        String group,
        String kind,
        TypeSchema root,
        boolean statusSubresource,
        List<FieldPath> statusResetFields,
        ObjectNode zeroValue) {

    public KindSchema {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        statusResetFields = List.copyOf(statusResetFields);
        zeroValue = zeroValue.deepCopy();
    }

    /**
     * A custom resource kind: every object merged field by field, every list atomic, as
     * Kubernetes does for a schema without list-type markers.
     */
    public static KindSchema customResource(String group, String kind, boolean statusSubresource) {
        return new KindSchema(
                group,
                kind,
                TypeSchema.DEDUCED,
                statusSubresource,
                List.of(FieldPath.of("spec")),
                JsonNodeFactory.instance.objectNode());
    }

    /** Same kind with another root schema, e.g. one read from a CRD's list-type markers. */
    public KindSchema withRoot(TypeSchema newRoot) {
        return new KindSchema(group, kind, newRoot, statusSubresource, statusResetFields, zeroValue);
    }

    /** The fields that a write through {@code subresource} (null for the main resource) cannot change. */
    FieldSet resetFields(String subresource) {
        if (subresource == null || subresource.isEmpty()) {
            return statusSubresource ? FieldSet.of(FieldPath.of("status")) : FieldSet.empty();
        }
        if (subresource.equals("status")) {
            return FieldSet.of(statusResetFields);
        }
        return FieldSet.empty();
    }
}
