package dev.skiff.engine.store;

/**
 * One change in the revision log. For {@link Type#DELETED} the value is the object's last state, encoded
 * with the revision of the deletion, as Kubernetes sends it in a DELETED watch event.
 */
public record WatchEvent(Type type, String key, long revision, byte[] value) {

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
