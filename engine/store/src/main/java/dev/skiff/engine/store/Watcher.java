package dev.skiff.engine.store;

/**
 * Receives the changes under a key prefix, in revision order. Called on the store's writer thread:
 * implementations must hand the event off and return at once.
 */
@FunctionalInterface
public interface Watcher {
    void onEvent(WatchEvent event);
}
