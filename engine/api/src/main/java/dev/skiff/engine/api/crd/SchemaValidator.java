package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a custom resource against its {@link StructuralSchema} and reports every problem, worded as
 * kube-apiserver words them (kube-openapi's messages, turned into field errors by apiextensions).
 * Unknown fields are not errors here: {@link Pruning} removes them first.
 */
public final class SchemaValidator {

    private static final Pattern DATE_TIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})$");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    /** kube-apiserver turns x-kubernetes-int-or-string into this type list before validating. */
    private static final String INT_OR_STRING = "integer,string";
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final List<Violation> violations = new ArrayList<>();

    private SchemaValidator() {
    }

    /** All violations of {@code root} by {@code object}; empty when the object is valid. */
    public static List<Violation> validate(ObjectNode object, StructuralSchema root) {
        SchemaValidator validator = new SchemaValidator();
        validator.check(object, root, "");
        return List.copyOf(validator.violations);
    }

    private void check(JsonNode value, StructuralSchema schema, String path) {
        if (value.isNull()) {
            String declared = schema.intOrString() ? INT_OR_STRING : schema.type();
            if (!declared.isEmpty() && !schema.nullable()) {
                typeInvalid(path, "null", declared, "null");
            }
            return;
        }
        String actual = jsonType(value);
        checkType(value, schema, path, actual);
        if (value.isTextual()) {
            checkString(value.textValue(), schema, path);
        }
        checkEnum(value, schema, path);
        if (value instanceof ArrayNode array) {
            checkArray(array, schema, path);
        }
        if (value.isNumber()) {
            checkNumber(value, schema, path);
        }
        if (value instanceof ObjectNode object) {
            checkObject(object, schema, path);
        }
    }

    private void checkType(JsonNode value, StructuralSchema schema, String path, String actual) {
        boolean integral = value.isIntegralNumber()
                || (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
        if (schema.intOrString()) {
            if (!value.isTextual() && !(value.isNumber() && integral)) {
                typeInvalid(path, actual, INT_OR_STRING, actual);
            }
            return;
        }
        String type = schema.type();
        if (type.isEmpty()) {
            return;
        }
        boolean matches = type.equals(actual)
                || (type.equals("integer") && value.isNumber() && integral)
                || (type.equals("number") && value.isNumber());
        String format = schema.format();
        if (!matches && !format.isEmpty() && !value.isTextual() && !value.isArray()) {
            // kube-openapi reports a non-string value against the format when one is declared
            String dataFormat = value.isIntegralNumber() ? "int64" : value.isNumber() ? "float64" : "";
            if (!format.equals(dataFormat)) {
                typeInvalid(path, dataFormat, format, dataFormat);
                return;
            }
        }
        if (!matches) {
            typeInvalid(path, actual, type, actual);
        }
    }

    private void checkString(String s, StructuralSchema schema, String path) {
        long length = s.codePointCount(0, s.length());
        if (schema.maxLength() != null && length > schema.maxLength()) {
            add(Violation.TOO_LONG, path, "Too long: may not be more than " + schema.maxLength()
                    + (schema.maxLength() == 1 ? " byte" : " bytes"));
        }
        if (schema.minLength() != null && length < schema.minLength()) {
            invalid(path, GoFormat.quote(s), "should be at least " + schema.minLength() + " chars long");
        }
        if (schema.pattern() != null && !compiled(schema.pattern()).matcher(s).find()) {
            invalid(path, GoFormat.quote(s), "should match '" + schema.pattern() + "'");
        }
        if (!schema.format().isEmpty() && !matchesFormat(schema.format(), s)) {
            typeInvalid(path, s, schema.format(), s);
        }
    }

    private void checkEnum(JsonNode value, StructuralSchema schema, String path) {
        if (schema.enumValues().isEmpty() || schema.enumValues().stream().anyMatch(e -> sameValue(e, value))) {
            return;
        }
        String supported = schema.enumValues().stream().map(GoFormat::supportedValue)
                .collect(Collectors.joining(", "));
        add(Violation.NOT_SUPPORTED, path,
                "Unsupported value: " + GoFormat.badValue(value) + ": supported values: " + supported);
    }

    private void checkArray(ArrayNode array, StructuralSchema schema, String path) {
        if (schema.items() != null) {
            for (int i = 0; i < array.size(); i++) {
                check(array.get(i), schema.items(), path + "[" + i + "]");
            }
        }
        if (schema.minItems() != null && array.size() < schema.minItems()) {
            invalid(path, Integer.toString(array.size()), "should have at least " + schema.minItems() + " items");
        }
        if (schema.maxItems() != null && array.size() > schema.maxItems()) {
            add(Violation.TOO_MANY, path, "Too many: " + array.size() + ": must have at most " + schema.maxItems()
                    + (schema.maxItems() == 1 ? " item" : " items"));
        }
    }

    private void checkNumber(JsonNode value, StructuralSchema schema, String path) {
        double d = value.doubleValue();
        String bad = GoFormat.badValue(value);
        if (schema.maximum() != null) {
            double max = schema.maximum();
            if (schema.exclusiveMaximum() ? d >= max : d > max) {
                invalid(path, bad, (schema.exclusiveMaximum() ? "should be less than " : "should be less than or equal to ")
                        + GoFormat.number(max));
            }
        }
        if (schema.minimum() != null) {
            double min = schema.minimum();
            if (schema.exclusiveMinimum() ? d <= min : d < min) {
                invalid(path, bad, (schema.exclusiveMinimum() ? "should be greater than "
                        : "should be greater than or equal to ") + GoFormat.number(min));
            }
        }
    }

    private void checkObject(ObjectNode object, StructuralSchema schema, String path) {
        for (String name : schema.required()) {
            if (!object.has(name)) {
                add(Violation.REQUIRED, child(path, name), "Required value");
            }
        }
        object.properties().forEach(field -> {
            StructuralSchema property = schema.propertySchema(field.getKey());
            if (property != null) {
                check(field.getValue(), property, child(path, field.getKey()));
            }
        });
    }

    private void typeInvalid(String path, String badValue, String type, String data) {
        add(Violation.TYPE_INVALID, path, "Invalid value: " + GoFormat.quote(badValue) + ": " + name(path)
                + " in body must be of type " + type + ": " + GoFormat.quote(data));
    }

    private void invalid(String path, String badValue, String detail) {
        add(Violation.INVALID, path, "Invalid value: " + badValue + ": " + name(path) + " in body " + detail);
    }

    private void add(String type, String path, String message) {
        violations.add(new Violation(type, path.isEmpty() ? "<nil>" : path, message));
    }

    private static String name(String path) {
        return path.isEmpty() ? "." : path;
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String jsonType(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.isArray() ? "array" : "object";
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean matchesFormat(String format, String s) {
        try {
            return switch (format) {
                case "date-time" -> DATE_TIME.matcher(s).matches()
                        && parsesAsDateTime(s);
                case "date" -> LocalDate.parse(s) != null;
                case "uuid" -> UUID.matcher(s).matches();
                case "byte" -> Base64.getDecoder().decode(s) != null;
                default -> true; // other formats are accepted as they are
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean parsesAsDateTime(String s) {
        String normalized = s.replace(' ', 'T').replace('t', 'T').replace('z', 'Z');
        if (normalized.matches(".*[+-]\\d{4}$")) {
            normalized = normalized.substring(0, normalized.length() - 2) + ":"
                    + normalized.substring(normalized.length() - 2);
        }
        if (normalized.matches("^[^T]*T\\d{2}:\\d{2}([Z+-].*)$")) {
            normalized = normalized.replaceFirst("T(\\d{2}:\\d{2})", "T$1:00");
        }
        OffsetDateTime.parse(normalized);
        return true;
    }

    private static Pattern compiled(String pattern) {
        return PATTERNS.computeIfAbsent(pattern, Pattern::compile);
    }
}
