package dev.skiff.engine.api.table;

/**
 * The list metadata a Table carries: the list's resourceVersion (for a single object, the object's), the
 * continue token of a paged list, and the remaining item count; null or empty values are left out.
 */
public record ListMeta(String resourceVersion, String continueToken, Long remainingItemCount) {

    /** Metadata with only a resourceVersion. */
    public static ListMeta of(String resourceVersion) {
        return new ListMeta(resourceVersion, null, null);
    }
}
