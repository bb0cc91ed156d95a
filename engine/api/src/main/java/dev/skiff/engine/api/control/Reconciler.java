package dev.skiff.engine.api.control;

/**
 * A level-triggered controller's one function: bring the object named by the key to its desired state,
 * reading the current state afresh. Throwing means "retry later with back-off".
 */
@FunctionalInterface
public interface Reconciler {
    void reconcile(String key) throws Exception;
}
