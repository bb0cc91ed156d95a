package dev.skiff.engine.api.validation;

import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One problem with one field, as a {@code StatusCause} of a 422 reply carries it: {@code type} is Kubernetes'
 * cause reason ({@code FieldValueRequired}, {@code FieldValueInvalid}, {@code FieldValueNotSupported},
 * {@code FieldValueForbidden}, {@code FieldValueTooLong}, {@code FieldValueTooMany}, {@code FieldValueDuplicate},
 * {@code FieldValueNotFound}), {@code field} the path ({@code spec.template.spec.containers[0].name}) and
 * {@code message} exactly Kubernetes' text ({@code Unsupported value: "Bogus": supported values: "Always"}).
 */
public record FieldError(String type, String field, String message) {

    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The line kubectl prints for this error inside the {@code is invalid: [...]} message. */
    @Override
    public String toString() {
        return field + ": " + message;
    }

    static FieldError required(FieldPath path, String detail) {
        return new FieldError("FieldValueRequired", path.toString(), withDetail("Required value", detail));
    }

    static FieldError invalid(FieldPath path, GoValue value, String detail) {
        return new FieldError("FieldValueInvalid", path.toString(),
                withDetail("Invalid value: " + value.text(), detail));
    }

    static FieldError invalid(FieldPath path, String value, String detail) {
        return invalid(path, GoValue.of(value), detail);
    }

    static FieldError invalid(FieldPath path, long value, String detail) {
        return invalid(path, GoValue.of(value), detail);
    }

    /** {@code validValues} are quoted in the order given, as Kubernetes lists them. */
    static FieldError notSupported(FieldPath path, GoValue value, List<String> validValues) {
        String detail = "";
        if (!validValues.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            for (String v : validValues) {
                quoted.add(GoQuote.quote(v));
            }
            detail = "supported values: " + String.join(", ", quoted);
        }
        return new FieldError("FieldValueNotSupported", path.toString(),
                withDetail("Unsupported value: " + value.text(), detail));
    }

    static FieldError notSupported(FieldPath path, String value, List<String> validValues) {
        return notSupported(path, GoValue.of(value), validValues);
    }

    static FieldError forbidden(FieldPath path, String detail) {
        return new FieldError("FieldValueForbidden", path.toString(), withDetail("Forbidden", detail));
    }

    static FieldError tooLong(FieldPath path, int maxLength) {
        return new FieldError("FieldValueTooLong", path.toString(),
                "Too long: may not be more than " + maxLength + " bytes");
    }

    static FieldError tooMany(FieldPath path, int actual, int max) {
        return new FieldError("FieldValueTooMany", path.toString(),
                "Too many: " + actual + ": must have at most " + max + " items");
    }

    static FieldError duplicate(FieldPath path, GoValue value) {
        return new FieldError("FieldValueDuplicate", path.toString(), "Duplicate value: " + value.text());
    }

    static FieldError duplicate(FieldPath path, String value) {
        return duplicate(path, GoValue.of(value));
    }

    static FieldError notFound(FieldPath path, String value) {
        return new FieldError("FieldValueNotFound", path.toString(), "Not found: " + GoQuote.quote(value));
    }

    private static String withDetail(String head, String detail) {
        return detail == null || detail.isEmpty() ? head : head + ": " + detail;
    }
}
