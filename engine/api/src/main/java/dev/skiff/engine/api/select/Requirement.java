package dev.skiff.engine.api.select;

import dev.skiff.engine.api.text.Formats;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One term of a label selector: a key, an operator and its values ({@code app in (web,api)}, {@code !canary},
 * {@code tier=frontend}). Build it with {@link #of}, which applies Kubernetes' validation.
 */
public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }

    /**
     * A validated requirement, as {@code labels.NewRequirement} builds it.
     *
     * @throws SelectorException with every problem found, in Kubernetes' words
     */
    public static Requirement of(String key, Operator operator, List<String> values) {
        return validated(key, operator, values, "key");
    }

    /**
     * Validates like {@code labels.NewRequirement}. {@code values} may be null (a nil slice in Go, which prints
     * differently); {@code keyField} is the field path Kubernetes names in a bad key's message.
     */
    static Requirement validated(String key, Operator operator, List<String> values, String keyField) {
        List<String> given = values == null ? List.of() : values;
        List<String> errors = new ArrayList<>();
        List<String> keyProblems = Formats.qualifiedName(key);
        if (!keyProblems.isEmpty()) {
            errors.add(invalid(keyField, GoQuote.quote(key), String.join("; ", keyProblems)));
        }
        switch (operator) {
            case IN, NOT_IN -> {
                if (given.isEmpty()) {
                    errors.add(invalid("values", GoQuote.stringSlice(values),
                            "for 'in', 'notin' operators, values set can't be empty"));
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (given.size() != 1) {
                    errors.add(invalid("values", GoQuote.stringSlice(values),
                            "exact-match compatibility requires one single value"));
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!given.isEmpty()) {
                    errors.add(invalid("values", GoQuote.stringSlice(values),
                            "values set must be empty for exists and does not exist"));
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (given.size() != 1) {
                    errors.add(invalid("values", GoQuote.stringSlice(values),
                            "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (int i = 0; i < given.size(); i++) {
                    if (parseInteger(given.get(i)) == null) {
                        errors.add(invalid("values[" + i + "]", GoQuote.quote(given.get(i)),
                                "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
            }
        }
        for (int i = 0; i < given.size(); i++) {
            List<String> valueProblems = Formats.labelValue(given.get(i));
            if (!valueProblems.isEmpty()) {
                errors.add(invalid("values[" + i + "][" + key + "]", GoQuote.quote(given.get(i)),
                        String.join("; ", valueProblems)));
            }
        }
        if (!errors.isEmpty()) {
            throw new SelectorException(aggregate(errors));
        }
        return new Requirement(key, operator, given);
    }

    /** A field error in {@code field.Error}'s format: {@code <path>: Invalid value: <value>: <detail>}. */
    static String invalid(String field, String renderedValue, String detail) {
        return field + ": Invalid value: " + renderedValue + ": " + detail;
    }

    /** {@code utilerrors.NewAggregate(...).Error()}: one message alone, several deduplicated in brackets. */
    static String aggregate(List<String> messages) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(messages));
        return unique.size() == 1 ? unique.get(0) : "[" + String.join(", ", unique) + "]";
    }

    /** Whether a set of labels satisfies this requirement, with {@code labels.Requirement.Matches}' rules. */
    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        boolean present = value != null || labels.containsKey(key);
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> present && values.contains(value);
            case NOT_IN, NOT_EQUALS -> !present || !values.contains(value);
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
            case GREATER_THAN, LESS_THAN -> {
                if (!present || values.size() != 1) {
                    yield false;
                }
                Long actual = parseInteger(value);
                Long bound = parseInteger(values.get(0));
                if (actual == null || bound == null) {
                    yield false;
                }
                yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            }
        };
    }

    /** Kubernetes' string form: {@code key=value}, {@code key in (a,b)}, {@code !key}, {@code key>3}... */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (operator == Operator.DOES_NOT_EXIST) {
            out.append('!');
        }
        out.append(key);
        switch (operator) {
            case EQUALS -> out.append('=');
            case DOUBLE_EQUALS -> out.append("==");
            case NOT_EQUALS -> out.append("!=");
            case IN -> out.append(" in ");
            case NOT_IN -> out.append(" notin ");
            case GREATER_THAN -> out.append('>');
            case LESS_THAN -> out.append('<');
            case EXISTS, DOES_NOT_EXIST -> {
                return out.toString();
            }
        }
        boolean set = operator == Operator.IN || operator == Operator.NOT_IN;
        if (set) {
            out.append('(');
        }
        List<String> shown = values.size() == 1 ? values : values.stream().sorted().toList();
        out.append(String.join(",", shown));
        if (set) {
            out.append(')');
        }
        return out.toString();
    }

    // strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, within int64.
    private static Long parseInteger(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int start = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
