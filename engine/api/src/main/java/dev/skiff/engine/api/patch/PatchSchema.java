package dev.skiff.engine.api.patch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The strategic-merge-patch strategies of one Kubernetes type (such as {@code PodSpec}): for each of its
 * fields that has a patch strategy, or whose value contains fields that have one, how a patch treats it.
 * Fields not listed are untagged. Instances are immutable and shared.
 */
public final class PatchSchema {

    /** A type without any tagged field, also the type of everything the table does not describe. */
    public static final PatchSchema UNTAGGED = new PatchSchema("untagged", Map.of());

    private final String typeName;
    private final Map<String, PatchField> fields;

    private PatchSchema(String typeName, Map<String, PatchField> fields) {
        this.typeName = typeName;
        this.fields = Map.copyOf(fields);
    }

    /** Starts describing the type with the given name (used in error messages only). */
    public static Builder type(String typeName) {
        return new Builder(typeName);
    }

    /** The type's name, as in k8s.io/api (for example {@code io.k8s.api.core.v1.PodSpec}). */
    public String typeName() {
        return typeName;
    }

    /** How a patch treats the named field; {@link PatchField#UNTAGGED} for fields without strategy. */
    public PatchField field(String name) {
        return fields.getOrDefault(name, PatchField.UNTAGGED);
    }

    /** The fields that have a strategy or contain fields that have one. */
    public Map<String, PatchField> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return typeName;
    }

    /** Collects the fields of a type; each method names a field as it appears in JSON. */
    public static final class Builder {
        private final String typeName;
        private final Map<String, PatchField> fields = new LinkedHashMap<>();

        private Builder(String typeName) {
            this.typeName = Objects.requireNonNull(typeName, "typeName");
        }

        /** An untagged field whose value (or list element) has tagged fields of its own. */
        public Builder nested(String field, PatchSchema schema) {
            return put(field, new PatchField(false, false, null, schema));
        }

        /** {@code patchStrategy:"merge"} with a {@code patchMergeKey}: a list of objects merged by key. */
        public Builder mergeByKey(String field, String mergeKey, PatchSchema elementSchema) {
            return put(field, new PatchField(true, false, Objects.requireNonNull(mergeKey), elementSchema));
        }

        /** {@code patchStrategy:"merge"} without merge key: a list of primitives merged as a set. */
        public Builder mergeAsSet(String field) {
            return put(field, new PatchField(true, false, null, UNTAGGED));
        }

        /** {@code patchStrategy:"merge,retainKeys"} with a {@code patchMergeKey}. */
        public Builder mergeByKeyRetainingKeys(String field, String mergeKey, PatchSchema elementSchema) {
            return put(field, new PatchField(true, true, Objects.requireNonNull(mergeKey), elementSchema));
        }

        /** {@code patchStrategy:"retainKeys"} on an object field. */
        public Builder retainKeys(String field, PatchSchema schema) {
            return put(field, new PatchField(false, true, null, schema));
        }

        /** Copies every field of another type, for Go structs that embed one inline. */
        public Builder inline(PatchSchema embedded) {
            embedded.fields.forEach(this::put);
            return this;
        }

        private Builder put(String field, PatchField strategy) {
            if (fields.putIfAbsent(field, strategy) != null) {
                throw new IllegalArgumentException(typeName + "." + field + " is described twice");
            }
            return this;
        }

        public PatchSchema build() {
            return new PatchSchema(typeName, fields);
        }
    }
}
