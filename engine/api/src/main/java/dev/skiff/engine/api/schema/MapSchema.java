package dev.skiff.engine.api.schema;

import java.util.Objects;

/**
 * A JSON object with free keys whose values all have the shape {@code values}: labels, annotations,
 * ConfigMap data, resource limits. Any key is accepted; only the values are checked.
 */
public record MapSchema(FieldSchema values) implements FieldSchema {

    public MapSchema {
        Objects.requireNonNull(values, "values");
    }

    @Override
    public String goType() {
        return "map[string]" + values.goType();
    }
}
