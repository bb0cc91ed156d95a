package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a CustomResourceDefinition's {@code openAPIV3Schema} (apiextensions.k8s.io/v1), reduced to
 * what the API server needs per object: pruning, defaulting and validation. Mirrors Kubernetes'
 * "structural schema": every node has a type, except under {@code x-kubernetes-preserve-unknown-fields}
 * or {@code x-kubernetes-int-or-string}.
 *
 * @param type                      {@code object}, {@code array}, {@code string}, {@code integer},
 *                                  {@code number}, {@code boolean}, or empty when not given
 * @param properties                the declared properties of an object, in declaration order
 * @param items                     the schema of array items, or null
 * @param additionalProperties      the schema of undeclared properties (map values), or null
 * @param additionalPropertiesAllowed true when {@code additionalProperties: true} was given without a schema
 * @param required                  names of properties that must be present
 * @param enumValues                allowed values; empty when unrestricted
 * @param minimum                   inclusive (or exclusive, see {@code exclusiveMinimum}) lower bound, or null
 * @param maximum                   upper bound, or null
 * @param minLength                 minimal string length in characters, or null
 * @param maxLength                 maximal string length in characters, or null
 * @param pattern                   ECMA regular expression strings must match, or null
 * @param minItems                  minimal array length, or null
 * @param maxItems                  maximal array length, or null
 * @param format                    the {@code format} (int32, int64, date-time, ...), or empty
 * @param nullable                  whether JSON null is allowed
 * @param defaultValue              the {@code default}, or null when none
 * @param preserveUnknownFields     {@code x-kubernetes-preserve-unknown-fields: true}
 * @param intOrString               {@code x-kubernetes-int-or-string: true}
 * @param embeddedResource          {@code x-kubernetes-embedded-resource: true}
 */
public record StructuralSchema(
        String type,
        Map<String, StructuralSchema> properties,
        StructuralSchema items,
        StructuralSchema additionalProperties,
        boolean additionalPropertiesAllowed,
        List<String> required,
        List<JsonNode> enumValues,
        Double minimum,
        boolean exclusiveMinimum,
        Double maximum,
        boolean exclusiveMaximum,
        Long minLength,
        Long maxLength,
        String pattern,
        Long minItems,
        Long maxItems,
        String format,
        boolean nullable,
        JsonNode defaultValue,
        boolean preserveUnknownFields,
        boolean intOrString,
        boolean embeddedResource) {

    /** Reads a schema tree from an {@code openAPIV3Schema} JSON node; missing parts stay empty. */
    public static StructuralSchema of(JsonNode openAPIV3Schema) {
        JsonNode s = openAPIV3Schema == null ? MissingNode.getInstance()
                : openAPIV3Schema;
        Map<String, StructuralSchema> properties = new LinkedHashMap<>();
        s.path("properties").properties().forEach(e -> properties.put(e.getKey(), of(e.getValue())));
        JsonNode additional = s.get("additionalProperties");
        StructuralSchema additionalSchema = additional != null && additional.isObject() ? of(additional) : null;
        boolean additionalAllowed = additional != null && additional.isBoolean() && additional.booleanValue();
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        List<JsonNode> enumValues = new ArrayList<>();
        s.path("enum").forEach(enumValues::add);
        JsonNode items = s.get("items");
        return new StructuralSchema(
                s.path("type").asText(""),
                Collections.unmodifiableMap(properties),
                items != null && items.isObject() ? of(items) : null,
                additionalSchema,
                additionalAllowed,
                List.copyOf(required),
                Collections.unmodifiableList(enumValues),
                number(s, "minimum"),
                s.path("exclusiveMinimum").asBoolean(false),
                number(s, "maximum"),
                s.path("exclusiveMaximum").asBoolean(false),
                integer(s, "minLength"),
                integer(s, "maxLength"),
                s.hasNonNull("pattern") ? s.get("pattern").asText() : null,
                integer(s, "minItems"),
                integer(s, "maxItems"),
                s.path("format").asText(""),
                s.path("nullable").asBoolean(false),
                s.get("default"),
                s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false),
                s.path("x-kubernetes-int-or-string").asBoolean(false),
                s.path("x-kubernetes-embedded-resource").asBoolean(false));
    }

    /**
     * The reasons an {@code openAPIV3Schema} is not structural or not valid, in Kubernetes' words, with
     * paths below {@code openAPIV3Schema}. Empty when the schema is fine.
     */
    public static List<String> structuralProblems(JsonNode openAPIV3Schema) {
        return structuralProblems(openAPIV3Schema, "openAPIV3Schema");
    }

    /**
     * Like {@link #structuralProblems(JsonNode)}, with paths below {@code basePath}, e.g.
     * {@code spec.versions[0].schema.openAPIV3Schema}.
     */
    public static List<String> structuralProblems(JsonNode openAPIV3Schema, String basePath) {
        return new StructuralProblems().check(openAPIV3Schema, basePath);
    }

    /** The schema of the named property: a declared one, else the additionalProperties schema, else null. */
    public StructuralSchema propertySchema(String name) {
        StructuralSchema declared = properties.get(name);
        return declared != null ? declared : additionalProperties;
    }

    private static Double number(JsonNode s, String name) {
        JsonNode n = s.get(name);
        return n != null && n.isNumber() ? n.doubleValue() : null;
    }

    private static Long integer(JsonNode s, String name) {
        JsonNode n = s.get(name);
        return n != null && n.isNumber() ? n.longValue() : null;
    }
}
