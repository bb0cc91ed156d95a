package dev.skiff.engine.api.apply;

/**
 * An apply request whose body cannot be applied: not an object, no {@code apiVersion} or
 * {@code kind}, the wrong version, {@code metadata.managedFields} set, or a structure that does
 * not fit the kind (a list-map item without any key, duplicate keys). The message says what is
 * wrong in the words the Kubernetes API server uses; the caller answers 400 or 422 with it.
 */
public class ApplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApplyException(String message) {
        super(message);
    }
}
