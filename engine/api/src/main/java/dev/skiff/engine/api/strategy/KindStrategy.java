package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.status.Status;
import java.util.List;

/**
 * What is special about one kind on the write path, in the shape of kube-apiserver's strategies: what a
 * create resets, what an update keeps, when the generation moves, and what makes an object invalid.
 * The generic registry knows nothing else about kinds.
 */
public interface KindStrategy {

    NameRule nameRule();

    /** Whether {@code metadata.generation} starts at 1 and moves when the spec changes. */
    boolean tracksGeneration();

    /** Whether the status is only written through the status subresource. */
    boolean hasStatusSubresource();

    /** Clears what a client may not set on create (e.g. status) and fills what the server owns. */
    void prepareForCreate(ObjectNode object);

    /** Keeps on a main-resource update what only the status subresource may change. */
    default void prepareForUpdate(ObjectNode updated, ObjectNode old) {
        if (hasStatusSubresource()) {
            if (old.has("status")) {
                updated.set("status", old.get("status").deepCopy());
            } else {
                updated.remove("status");
            }
        }
    }

    /**
     * The grace period a delete of this object gets, in seconds, or 0 to delete at once. Only kinds whose
     * removal someone must confirm (pods, by their node agent) are deleted gracefully.
     */
    default long gracePeriodSeconds(ObjectNode object, Long requested) {
        return 0;
    }

    /** Field errors of the object as a whole (names and metadata are checked by the registry). */
    default List<Status.Cause> validate(ObjectNode object) {
        return List.of();
    }
}
