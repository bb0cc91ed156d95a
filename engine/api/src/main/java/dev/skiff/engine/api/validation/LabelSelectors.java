package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label maps and {@code metav1.LabelSelector}s inside specs: their validation
 * ({@code ValidateLabelSelector}, {@code ValidateLabels}) and their meaning ({@code LabelSelectorAsSelector}),
 * which decides whether a selector matches a pod template's labels.
 */
final class LabelSelectors {

    private LabelSelectors() {
    }

    /** What a selector selects once converted; a nil selector selects nothing, an empty one everything. */
    sealed interface Selection permits Nothing, Everything, Requirements, Unparseable {

        /** Whether the labels (a JSON object, possibly absent) are selected. */
        boolean matches(JsonNode labels);

        /** Go's {@code Selector.Empty()}: true only for the select-everything selector. */
        default boolean isEmpty() {
            return false;
        }
    }

    /** A nil selector ({@code labels.Nothing()}). */
    record Nothing() implements Selection {
        @Override
        public boolean matches(JsonNode labels) {
            return false;
        }
    }

    /** An empty selector ({@code labels.Everything()}). */
    record Everything() implements Selection {
        @Override
        public boolean matches(JsonNode labels) {
            return true;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }
    }

    /** A selector that does not convert; Kubernetes reports {@code invalid label selector} for it. */
    record Unparseable() implements Selection {
        @Override
        public boolean matches(JsonNode labels) {
            return false;
        }
    }

    /** The requirements of a valid, non-empty selector, all of which must hold. */
    record Requirements(List<Requirement> all) implements Selection {
        @Override
        public boolean matches(JsonNode labels) {
            for (Requirement r : all) {
                if (!r.matches(labels)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One {@code key operator values} term. */
    record Requirement(String key, String operator, List<String> values) {
        boolean matches(JsonNode labels) {
            boolean present = labels != null && labels.isObject() && labels.has(key) && !labels.get(key).isNull();
            String value = present ? labels.get(key).asText() : null;
            return switch (operator) {
                case "In", "Equals" -> present && values.contains(value);
                case "NotIn" -> !present || !values.contains(value);
                case "Exists" -> present;
                case "DoesNotExist" -> !present;
                default -> false;
            };
        }
    }

    /** {@code ValidateLabelSelector}: errors of the selector at {@code path} (none for an absent one). */
    static List<FieldError> validate(JsonNode selector, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return errs;
        }
        errs.addAll(validateLabels(selector.get("matchLabels"), path.child("matchLabels")));
        List<JsonNode> expressions = Fields.list(selector, "matchExpressions");
        for (int i = 0; i < expressions.size(); i++) {
            errs.addAll(validateRequirement(expressions.get(i), path.child("matchExpressions").index(i)));
        }
        return errs;
    }

    private static List<FieldError> validateRequirement(JsonNode expr, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String operator = Fields.text(expr, "operator");
        List<String> values = Fields.strings(expr, "values");
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errs.add(FieldError.required(path.child("values"),
                            "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errs.add(FieldError.forbidden(path.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> errs.add(FieldError.invalid(path.child("operator"), operator, "not a valid selector operator"));
        }
        errs.addAll(validateLabelName(Fields.text(expr, "key"), path.child("key")));
        for (int i = 0; i < values.size(); i++) {
            for (String msg : Formats.labelValue(values.get(i))) {
                errs.add(FieldError.invalid(path.child("values").index(i), values.get(i), msg));
            }
        }
        return errs;
    }

    /** {@code ValidateLabelName}: a qualified name. */
    static List<FieldError> validateLabelName(String name, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : Formats.qualifiedName(name)) {
            errs.add(FieldError.invalid(path, name, msg));
        }
        return errs;
    }

    /** {@code ValidateLabels}: every key a qualified name, every value a label value; errors at the map's path. */
    static List<FieldError> validateLabels(JsonNode labels, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (labels == null || !labels.isObject()) {
            return errs;
        }
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            errs.addAll(validateLabelName(e.getKey(), path));
            String value = e.getValue().isNull() ? "" : e.getValue().asText();
            for (String msg : Formats.labelValue(value)) {
                errs.add(FieldError.invalid(path, value, msg));
            }
        }
        return errs;
    }

    /** {@code LabelSelectorAsSelector}. */
    static Selection selection(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return new Nothing();
        }
        if (!validate(selector, FieldPath.root("")).isEmpty()) {
            return new Unparseable();
        }
        List<Requirement> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : Fields.entries(selector, "matchLabels")) {
            all.add(new Requirement(e.getKey(), "Equals", List.of(e.getValue().asText())));
        }
        for (JsonNode expr : Fields.list(selector, "matchExpressions")) {
            all.add(new Requirement(Fields.text(expr, "key"), Fields.text(expr, "operator"),
                    Fields.strings(expr, "values")));
        }
        return all.isEmpty() ? new Everything() : new Requirements(all);
    }

    /** Whether the selector has neither matchLabels nor matchExpressions. */
    static boolean hasNoTerms(JsonNode selector) {
        return !Fields.nonEmpty(selector, "matchLabels") && !Fields.nonEmpty(selector, "matchExpressions");
    }
}
