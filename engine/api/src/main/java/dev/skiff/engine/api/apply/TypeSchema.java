package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How server-side apply treats one node of an object, in the words of the Kubernetes OpenAPI
 * extensions: {@code x-kubernetes-map-type} ({@link Granular} or {@link Atomic}) and
 * {@code x-kubernetes-list-type} ({@link ListMap} with {@code x-kubernetes-list-map-keys},
 * {@link ListSet}, or {@link Atomic}).
 *
 * <p>Schemas only spell out what differs from the default: a field that a {@link Granular} schema
 * does not name is "deduced" from its value, with objects merged field by field, lists atomic and
 * scalars as leaves. That is also how an unknown kind is treated.
 */
public sealed interface TypeSchema {

    /** The schema of anything not described: objects granular, lists atomic. */
    Granular DEDUCED = new Granular(Map.of());

    /** Replaced as a whole and owned as one field. */
    Atomic ATOMIC = new Atomic();

    /** An object merged field by field; {@code fields} names the fields whose schema is not deduced. */
    record Granular(Map<String, TypeSchema> fields) implements TypeSchema {
        public Granular {
            fields = Map.copyOf(fields);
        }

        /** The schema of one field. */
        public TypeSchema field(String name) {
            return fields.getOrDefault(name, DEDUCED);
        }
    }

    /** {@code x-kubernetes-map-type: atomic}, {@code x-kubernetes-list-type: atomic}, or a scalar. */
    record Atomic() implements TypeSchema {}

    /**
     * {@code x-kubernetes-list-type: map}: items are objects identified by the values of
     * {@code keys}; a key field that an item omits takes its default from {@code keyDefaults}
     * (container ports default their {@code protocol} to {@code "TCP"}).
     */
    record ListMap(List<String> keys, Map<String, JsonNode> keyDefaults, TypeSchema element) implements TypeSchema {
        public ListMap {
            keys = List.copyOf(keys);
            keyDefaults = Map.copyOf(keyDefaults);
            Objects.requireNonNull(element, "element");
        }
    }

    /** {@code x-kubernetes-list-type: set}: a list of distinct scalars, merged by value. */
    record ListSet() implements TypeSchema {}

    /** A granular object schema from alternating field names and schemas. */
    static Granular struct(Object... namesAndSchemas) {
        Map<String, TypeSchema> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            fields.put((String) namesAndSchemas[i], (TypeSchema) namesAndSchemas[i + 1]);
        }
        return new Granular(fields);
    }
}
