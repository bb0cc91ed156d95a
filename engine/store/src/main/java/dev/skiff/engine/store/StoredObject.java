package dev.skiff.engine.store;

/**
 * One object as the store holds it: its key, the revision of its last write (its resourceVersion) and
 * its encoded bytes. The bytes already carry the revision, so they can be sent to clients as they are.
 */
public record StoredObject(String key, long revision, byte[] value) {
}
