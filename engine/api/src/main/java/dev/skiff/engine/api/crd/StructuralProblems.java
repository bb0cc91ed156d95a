package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds why an {@code openAPIV3Schema} is not a structural schema, phrased like kube-apiserver's CRD
 * validation ({@code field: Required value: ...}).
 */
final class StructuralProblems {

    /** Where a node sits; Kubernetes words the "type missing" error by it. */
    private enum Level { ROOT, FIELD, ITEM }

    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "object", "string");
    private static final String SUPPORTED_TYPES =
            "\"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"";

    private final List<String> problems = new ArrayList<>();

    List<String> check(JsonNode schema, String basePath) {
        if (schema == null || !schema.isObject()) {
            problems.add(basePath + ": Required value: specifies the root schema");
            return problems;
        }
        visit(schema, basePath, Level.ROOT);
        return List.copyOf(problems);
    }

    private void visit(JsonNode s, String path, Level level) {
        String type = s.path("type").asText("");
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);

        if (!type.isEmpty() && !TYPES.contains(type)) {
            problems.add(path + ".type: Unsupported value: \"" + type + "\": supported values: " + SUPPORTED_TYPES);
        }
        if (type.isEmpty() && !preserve && !intOrString && !embedded) {
            problems.add(path + ".type: Required value: " + switch (level) {
                case ROOT -> "must not be empty at the root";
                case FIELD -> "must not be empty for specified object fields";
                case ITEM -> "must not be empty for specified array items";
            });
        }
        if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
            problems.add(path + ".type: Invalid value: \"" + type + "\": must be object at the root");
        }
        if (intOrString && !type.isEmpty()) {
            problems.add(path + ".type: Invalid value: \"" + type
                    + "\": must be empty if x-kubernetes-int-or-string is true");
        }
        if (embedded && !type.equals("object")) {
            problems.add(type.isEmpty()
                    ? path + ".type: Required value: must be object if x-kubernetes-embedded-resource is true"
                    : path + ".type: Invalid value: \"" + type
                            + "\": must be object if x-kubernetes-embedded-resource is true");
        }
        JsonNode preserveNode = s.get("x-kubernetes-preserve-unknown-fields");
        if (preserveNode != null && preserveNode.isBoolean() && !preserveNode.booleanValue()) {
            problems.add(path + ".x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined");
        }
        if (type.equals("array") && !s.path("items").isObject()) {
            problems.add(path + ".items: Required value: must be specified");
        }
        if (s.has("$ref")) {
            problems.add(path + ".$ref: Forbidden: $ref is not supported");
        }
        JsonNode additional = s.get("additionalProperties");
        if (additional != null) {
            if (s.has("properties")) {
                problems.add(path + ".additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
            }
            if (additional.isBoolean() && !additional.booleanValue()) {
                problems.add(path + ".additionalProperties: Forbidden: additionalProperties cannot be set to false");
            }
            if (additional.isObject()) {
                visit(additional, path + ".additionalProperties", Level.FIELD);
            }
        }
        s.path("properties").properties().forEach(e ->
                visit(e.getValue(), path + ".properties[" + e.getKey() + "]", Level.FIELD));
        if (s.path("items").isObject()) {
            visit(s.get("items"), path + ".items", Level.ITEM);
        }
    }
}
