package dev.skiff.engine.api.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector ({@code ?fieldSelector=metadata.name=web,status.phase!=Running}): terms joined by
 * commas, each {@code field=value}, {@code field==value} or {@code field!=value}, with {@code \\}, {@code \,} and
 * {@code \=} escaping those characters in values. Which fields a kind supports, and the message when it does
 * not, follow kube-apiserver 1.32.
 */
public record FieldSelector(List<FieldRequirement> requirements) {

    private static final List<String> OPERATORS = List.of("!=", "==", "=");

    public FieldSelector {
        requirements = List.copyOf(requirements);
    }

    /** The selector that matches every object. */
    public static FieldSelector everything() {
        return new FieldSelector(List.of());
    }

    /**
     * Parses the query-string form, as {@code fields.ParseSelector} does (terms are sorted; empty terms are
     * skipped). A null or empty string is the empty selector.
     *
     * @throws SelectorException e.g. {@code invalid selector: 'a'; can't understand 'a'}
     */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) {
            return everything();
        }
        List<String> terms = splitTerms(selector);
        Collections.sort(terms);
        List<FieldRequirement> requirements = new ArrayList<>();
        for (String term : terms) {
            if (term.isEmpty()) {
                continue;
            }
            requirements.add(parseTerm(selector, term));
        }
        return new FieldSelector(requirements);
    }

    /** Whether this selector places no restriction. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /**
     * This selector with every field label checked against the kind and renamed as Kubernetes renames it
     * ({@code spec.host} becomes {@code spec.nodeName} for pods). The group is empty for the core group.
     *
     * @throws SelectorException for the first unsupported label, e.g. {@code field label not supported: spec.foo}
     */
    public FieldSelector forKind(String group, String kind) {
        FieldLabels labels = FieldLabels.forKind(group, kind);
        return new FieldSelector(requirements.stream()
                .map(r -> new FieldRequirement(labels.convert(r.field()), r.comparison(), r.value()))
                .toList());
    }

    /**
     * Whether the object satisfies every term. A field the object lacks compares as the empty string, a boolean
     * as {@code true}/{@code false}.
     *
     * @throws SelectorException when the kind does not support one of the field labels
     */
    public boolean matches(String group, String kind, JsonNode object) {
        if (requirements.isEmpty()) {
            return true;
        }
        FieldLabels labels = FieldLabels.forKind(group, kind);
        Map<String, String> values = labels.values(object == null ? MissingNode.getInstance() : object);
        for (FieldRequirement requirement : requirements) {
            String field = labels.convert(requirement.field());
            if (!requirement.matches(values.getOrDefault(field, ""))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value this selector demands for a field, when it has an {@code =} term for it; lets a list of
     * {@code metadata.name=x} become a single lookup.
     */
    public Optional<String> requiresExactMatch(String field) {
        return requirements.stream()
                .filter(r -> r.field().equals(field) && r.comparison() == FieldRequirement.Comparison.EQUALS)
                .map(FieldRequirement::value)
                .findFirst();
    }

    /** Kubernetes' string form: the terms joined by commas, values escaped. */
    @Override
    public String toString() {
        return requirements.stream().map(FieldRequirement::toString).collect(Collectors.joining(","));
    }

    // Commas split terms unless a backslash escapes them; the backslash stays, for unescaping later.
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    // The first operator found from the left splits the term; the field itself has no escaping.
    private static FieldRequirement parseTerm(String selector, String term) {
        for (int i = 0; i < term.length(); i++) {
            for (String operator : OPERATORS) {
                if (term.startsWith(operator, i)) {
                    String value = unescape(term.substring(i + operator.length()));
                    FieldRequirement.Comparison comparison = operator.equals("!=")
                            ? FieldRequirement.Comparison.NOT_EQUALS
                            : FieldRequirement.Comparison.EQUALS;
                    return new FieldRequirement(term.substring(0, i), comparison, value);
                }
            }
        }
        throw new SelectorException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf(',') < 0 && value.indexOf('=') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean escaped = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new SelectorException("invalid field selector: invalid escape sequence: \\"
                            + new String(Character.toChars(c)));
                }
                out.appendCodePoint(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                // Go prints the rune as its number here.
                throw new SelectorException("invalid field selector: unescaped character in value: " + c);
            } else {
                out.appendCodePoint(c);
            }
        }
        if (escaped) {
            throw new SelectorException("invalid field selector: invalid escape sequence: \\");
        }
        return out.toString();
    }
}
