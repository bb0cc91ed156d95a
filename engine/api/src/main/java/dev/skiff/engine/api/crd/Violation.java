package dev.skiff.engine.api.crd;

/**
 * One field error from custom resource validation, as it lands in a {@code 422} Status'
 * {@code details.causes}.
 *
 * @param type    the cause reason, e.g. {@code FieldValueInvalid}, {@code FieldValueRequired}
 * @param field   the field path, e.g. {@code spec.replicas}
 * @param message the message without the field, e.g.
 *                {@code Invalid value: 11: spec.replicas in body should be less than or equal to 10}
 */
public record Violation(String type, String field, String message) {

    /** Cause reasons, as in apimachinery's {@code field.ErrorType}. */
    public static final String INVALID = "FieldValueInvalid";
    public static final String TYPE_INVALID = "FieldValueTypeInvalid";
    public static final String REQUIRED = "FieldValueRequired";
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    public static final String TOO_LONG = "FieldValueTooLong";
    public static final String TOO_MANY = "FieldValueTooMany";

    /** The full error line Kubernetes prints: {@code field: message}. */
    public String error() {
        return field + ": " + message;
    }

    @Override
    public String toString() {
        return error();
    }
}
