package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skiff.engine.api.resource.Quantity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One pass over a body against its schema, reporting problems the way Go's strict JSON decoder in
 * kube-apiserver does, and optionally removing unknown fields as decoding into Go structs would.
 *
 * <p>Like the decoder, it does not look inside a value whose JSON type is already wrong.
 */
final class FieldWalk {

    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final boolean removeUnknown;
    private final List<FieldProblem> problems = new ArrayList<>();

    private FieldWalk(boolean removeUnknown) {
        this.removeUnknown = removeUnknown;
    }

    static List<FieldProblem> run(ObjectNode body, StructSchema root, boolean removeUnknown) {
        FieldWalk walk = new FieldWalk(removeUnknown);
        walk.struct(body, root, null);
        return List.copyOf(walk.problems);
    }

    private void struct(ObjectNode object, StructSchema schema, Step at) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Step step = Step.field(at, field.getKey());
            FieldSchema fieldSchema = schema.fields().get(field.getKey());
            if (fieldSchema == null) {
                String path = step.path();
                problems.add(new FieldProblem(FieldProblem.Kind.UNKNOWN_FIELD, path, "unknown field \"" + path + "\""));
                if (removeUnknown) {
                    fields.remove();
                }
                continue;
            }
            value(field.getValue(), fieldSchema, step, schema);
        }
    }

    /** {@code owner} is the innermost struct, which Go names in its type errors. */
    private void value(JsonNode value, FieldSchema schema, Step at, StructSchema owner) {
        if (value.isNull()) {
            return; // null leaves any Go field at its zero value
        }
        switch (schema) {
            case StructSchema struct -> {
                if (value instanceof ObjectNode object) {
                    struct(object, struct, at);
                } else {
                    typeError(value, schema.goType(), at, owner);
                }
            }
            case ListSchema list -> {
                if (value instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        value(array.get(i), list.items(), Step.index(at, i), owner);
                    }
                } else {
                    typeError(value, schema.goType(), at, owner);
                }
            }
            case MapSchema map -> {
                if (value instanceof ObjectNode object) {
                    for (Map.Entry<String, JsonNode> entry : object.properties()) {
                        value(entry.getValue(), map.values(), Step.key(at, entry.getKey()), owner);
                    }
                } else {
                    typeError(value, schema.goType(), at, owner);
                }
            }
            case ScalarSchema scalar -> scalar(value, scalar.scalar(), at, owner);
            case FreeFormSchema ignored -> {
                // kept verbatim
            }
        }
    }

    private void scalar(JsonNode value, ScalarSchema.Scalar scalar, Step at, StructSchema owner) {
        switch (scalar) {
            case STRING -> {
                if (!value.isTextual()) {
                    typeError(value, "string", at, owner);
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    typeError(value, "bool", at, owner);
                }
            }
            case FLOAT64 -> {
                if (!value.isNumber()) {
                    typeError(value, "float64", at, owner);
                }
            }
            case INT32 -> integer(value, "int32", Integer.MIN_VALUE, Integer.MAX_VALUE, at, owner);
            case INT64 -> integer(value, "int64", Long.MIN_VALUE, Long.MAX_VALUE, at, owner);
            // IntOrString decodes a non-string as an int32, and reports failures as that
            case INT_OR_STRING -> {
                if (!value.isTextual()) {
                    integer(value, "int32", Integer.MIN_VALUE, Integer.MAX_VALUE, at, owner);
                }
            }
            // MicroTime decodes its JSON as a string first
            case MICRO_TIME -> {
                if (!value.isTextual()) {
                    typeError(value, "string", at, owner);
                }
            }
            case BYTES -> {
                if (!value.isTextual()) {
                    typeError(value, "[]uint8", at, owner);
                } else {
                    Base64Format.problem(value.textValue()).ifPresent(message ->
                            problems.add(new FieldProblem(FieldProblem.Kind.DECODING_ERROR, at.path(), message)));
                }
            }
            case QUANTITY -> {
                // Quantity parses a JSON number's literal text too; anything else fails its grammar
                String text = value.isTextual() ? value.textValue() : value.isNumber() ? value.asText() : value.toString();
                Quantity.problem(text).ifPresent(message ->
                        problems.add(new FieldProblem(FieldProblem.Kind.DECODING_ERROR, at.path(), message)));
            }
        }
    }

    private void integer(JsonNode value, String goType, long min, long max, Step at, StructSchema owner) {
        if (!value.isNumber()) {
            typeError(value, goType, at, owner);
            return;
        }
        boolean fits = value.isIntegralNumber() && value.bigIntegerValue().compareTo(INT64_MIN) >= 0
                && value.bigIntegerValue().compareTo(INT64_MAX) <= 0
                && value.longValue() >= min && value.longValue() <= max;
        if (!fits) {
            // Go names the offending literal when a number does not fit the integer type
            typeError("number " + value.asText(), goType, at, owner);
        }
    }

    private void typeError(JsonNode value, String goType, Step at, StructSchema owner) {
        typeError(jsonType(value), goType, at, owner);
    }

    private void typeError(String jsonValue, String goType, Step at, StructSchema owner) {
        problems.add(new FieldProblem(FieldProblem.Kind.DECODING_ERROR, at.path(),
                "json: cannot unmarshal " + jsonValue + " into Go struct field " + owner.name() + "."
                        + at.goFieldPath() + " of type " + goType));
    }

    private static String jsonType(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isArray()) {
            return "array";
        }
        return "object";
    }

    /**
     * A position in the body, kept as a parent chain so paths are only rendered when something is wrong.
     * Exactly one of {@code name} (a struct field or map key) and {@code index} (a list element) is set.
     */
    private record Step(Step parent, String name, int index, boolean structField) {

        static Step field(Step parent, String name) {
            return new Step(parent, name, -1, true);
        }

        static Step key(Step parent, String key) {
            return new Step(parent, key, -1, false);
        }

        static Step index(Step parent, int index) {
            return new Step(parent, null, index, false);
        }

        /** Kubernetes' strict-decoding path: {@code spec.containers[0].ports[1].name}, map keys included. */
        String path() {
            StringBuilder out = new StringBuilder();
            appendPath(out);
            return out.toString();
        }

        private void appendPath(StringBuilder out) {
            if (parent != null) {
                parent.appendPath(out);
            }
            if (name == null) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            }
        }

        /** Go's type-error path: struct field names only, no indices or map keys. */
        String goFieldPath() {
            StringBuilder out = new StringBuilder();
            appendGoFieldPath(out);
            return out.toString();
        }

        private void appendGoFieldPath(StringBuilder out) {
            if (parent != null) {
                parent.appendGoFieldPath(out);
            }
            if (structField) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            }
        }
    }
}
