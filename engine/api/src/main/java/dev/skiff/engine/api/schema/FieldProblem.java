package dev.skiff.engine.api.schema;

import java.util.Objects;

/**
 * One thing wrong with a request body compared with its kind's structure.
 *
 * @param kind    what is wrong, which decides how the API server answers
 * @param path    the field's path in Kubernetes' form, with list indices: {@code spec.template.spec.containers[0].imagee}
 * @param message the text Kubernetes uses: {@code unknown field "spec.foo"} or
 *                {@code json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32}
 */
public record FieldProblem(Kind kind, String path, String message) {

    public FieldProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** The two ways a body can disagree with its schema. */
    public enum Kind {
        /**
         * A field the kind does not have. Subject to {@code fieldValidation}: Strict fails the request, Warn
         * returns it as a warning, Ignore drops it silently. In every case it is not stored.
         */
        UNKNOWN_FIELD,
        /**
         * A value that cannot be decoded into its field's type (a string for an int32, a malformed quantity).
         * Always a 400 BadRequest, whatever {@code fieldValidation} says.
         */
        DECODING_ERROR
    }
}
