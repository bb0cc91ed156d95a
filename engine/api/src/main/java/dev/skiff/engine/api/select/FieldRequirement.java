package dev.skiff.engine.api.select;

import java.util.Objects;

/** One term of a field selector: {@code field=value} (also written {@code ==}) or {@code field!=value}. */
public record FieldRequirement(String field, Comparison comparison, String value) {

    /** How the object's value is compared with the selector's. */
    public enum Comparison {
        EQUALS, NOT_EQUALS
    }

    public FieldRequirement {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(value, "value");
    }

    /** Whether the object's value of the field (empty when the object has none) satisfies this term. */
    public boolean matches(String actual) {
        boolean equal = value.equals(actual == null ? "" : actual);
        return comparison == Comparison.EQUALS ? equal : !equal;
    }

    /** Kubernetes' string form, with {@code \}, {@code ,} and {@code =} escaped in the value. */
    @Override
    public String toString() {
        String escaped = value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
        return field + (comparison == Comparison.EQUALS ? "=" : "!=") + escaped;
    }
}
