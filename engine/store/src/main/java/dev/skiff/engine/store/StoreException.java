package dev.skiff.engine.store;

/** A write or watch that the store refused; each subclass is one reason the API turns into a Status. */
public sealed class StoreException extends RuntimeException
        permits StoreException.KeyExists, StoreException.KeyNotFound, StoreException.RevisionConflict,
        StoreException.RevisionCompacted, StoreException.StoreFailure {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A create found the key taken. */
    public static final class KeyExists extends StoreException {
        public KeyExists(String key) {
            super("key exists: " + key, null);
        }
    }

    /** An update or delete found no object under the key. */
    public static final class KeyNotFound extends StoreException {
        public KeyNotFound(String key) {
            super("key not found: " + key, null);
        }
    }

    /** An update or delete named a revision that is no longer the object's current one. */
    public static final class RevisionConflict extends StoreException {
        private final long actual;

        public RevisionConflict(String key, long expected, long actual) {
            super("revision conflict on " + key + ": expected " + expected + ", found " + actual, null);
            this.actual = actual;
        }

        public long actual() {
            return actual;
        }
    }

    /** A watch asked for history that compaction has already removed. */
    public static final class RevisionCompacted extends StoreException {
        private final long requested;
        private final long oldestAvailable;

        public RevisionCompacted(long requested, long oldestAvailable) {
            super("too old resource version: " + requested + " (" + oldestAvailable + ")", null);
            this.requested = requested;
            this.oldestAvailable = oldestAvailable;
        }

        public long requested() {
            return requested;
        }

        public long oldestAvailable() {
            return oldestAvailable;
        }
    }

    /** The database failed; the write was not made. */
    public static final class StoreFailure extends StoreException {
        public StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
