package dev.skiff.engine.store;

/**
 * One change in the revision log. For {@link Type#DELETED} the value is the object's last state, encoded
 * with the revision of the deletion, as Kubernetes sends it in a DELETED watch event. {@code previous} is
 * the value before the change, so a watch with a selector can tell an object entering or leaving it;
 * it is null for creations and for changes loaded from disk after a restart (it is not persisted).
 */
public record WatchEvent(Type type, String key, long revision, byte[] value, byte[] previous) {

    /** The kinds of change, named as in a Kubernetes watch. */
    public enum Type {
        ADDED, MODIFIED, DELETED;

        int code() {
            return ordinal();
        }

        static Type of(int code) {
            return values()[code];
        }
    }
}
