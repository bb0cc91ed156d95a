package dev.skiff.engine.api.schema;

import java.util.Objects;

/** A JSON array whose elements all have the shape {@code items}. */
public record ListSchema(FieldSchema items) implements FieldSchema {

    public ListSchema {
        Objects.requireNonNull(items, "items");
    }

    @Override
    public String goType() {
        return "[]" + items.goType();
    }
}
