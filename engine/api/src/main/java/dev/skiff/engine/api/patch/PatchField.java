package dev.skiff.engine.api.patch;

import java.util.Objects;

/**
 * How a strategic merge patch treats one field of a Kubernetes type, as the field's Go struct tags
 * {@code patchStrategy} and {@code patchMergeKey} declare it.
 *
 * @param merge      {@code patchStrategy} contains {@code merge}: a list merges with the live list instead of
 *                   replacing it (by {@code mergeKey} for lists of objects, as a set for lists of primitives)
 * @param retainKeys {@code patchStrategy} contains {@code retainKeys}: clients send {@code $retainKeys} for it
 *                   (recorded for completeness; the {@code $retainKeys} directive is honoured wherever it appears)
 * @param mergeKey   {@code patchMergeKey}, the field naming an element of a list of objects; null when there is none
 * @param schema     the strategies of the field's value, or of its list elements
 */
public record PatchField(boolean merge, boolean retainKeys, String mergeKey, PatchSchema schema) {

    /** A field without tags: objects merge recursively, lists are replaced whole. */
    public static final PatchField UNTAGGED = new PatchField(false, false, null, PatchSchema.UNTAGGED);

    public PatchField {
        Objects.requireNonNull(schema, "schema");
        if (mergeKey != null && !merge) {
            throw new IllegalArgumentException("a merge key needs the merge strategy");
        }
    }

    /** Whether list elements are objects identified by a merge key. */
    public boolean hasMergeKey() {
        return mergeKey != null;
    }
}
