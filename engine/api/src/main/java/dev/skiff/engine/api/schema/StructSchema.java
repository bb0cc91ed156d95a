package dev.skiff.engine.api.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object with a closed set of fields, as a Go struct decodes it: any other key is an unknown field.
 *
 * <p>Not a record because struct shapes may refer to each other in cycles; the fields are filled in once,
 * right after creation, by the introspection that builds the whole graph.
 */
public final class StructSchema implements FieldSchema {

    private final Class<?> modelClass;
    private final String name;
    private final String definitionName;
    private final String goPackage;
    private volatile Map<String, FieldSchema> fields = Map.of();

    StructSchema(Class<?> modelClass, String definitionName, String goPackage) {
        this.modelClass = modelClass;
        this.name = modelClass.getSimpleName();
        this.definitionName = definitionName;
        this.goPackage = goPackage;
    }

    void define(Map<String, FieldSchema> definedFields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(definedFields));
    }

    /** The fabric8 class this structure was read from. */
    Class<?> modelClass() {
        return modelClass;
    }

    /** The Go struct name, e.g. {@code ContainerPort}, as decode errors name it. */
    public String name() {
        return name;
    }

    /** The OpenAPI definition name, e.g. {@code io.k8s.api.core.v1.ContainerPort}. */
    public String definitionName() {
        return definitionName;
    }

    /** The fields by JSON name, in the model's declared order. */
    public Map<String, FieldSchema> fields() {
        return fields;
    }

    /** The shape of one field, or empty when the struct has no such field. */
    public Optional<FieldSchema> field(String jsonName) {
        return Optional.ofNullable(fields.get(jsonName));
    }

    @Override
    public String goType() {
        return goPackage + "." + name;
    }

    @Override
    public String toString() {
        return "StructSchema[" + definitionName + "]";
    }
}
