package dev.skiff.engine.store;

import java.util.List;

/**
 * A consistent snapshot of the objects under a prefix.
 *
 * @param revision the store's revision at the moment of the snapshot (a list's resourceVersion)
 * @param items the objects in key order
 * @param more whether objects remain after the last item (a limit cut the list)
 */
public record ListResult(long revision, List<StoredObject> items, boolean more) {
}
