package dev.skiff.engine.api.patch;

/**
 * A patch that cannot be applied: malformed (a {@code $patch} with an unknown value, a merge-list element
 * without its merge key, a patch of the wrong JSON type) or failing (a JSON patch {@code test} that does
 * not hold, a path that does not exist). The API layer answers it with 422 or 400.
 */
public class PatchException extends RuntimeException {

    public PatchException(String message) {
        super(message);
    }

    public PatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
