package dev.skiff.engine.api.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: the {@code ?labelSelector=} query form ({@link #parse}) or the
 * {@code metav1.LabelSelector} object of Deployments, ReplicaSets and Services' peers
 * ({@link #fromLabelSelectorObject}). An empty selector matches everything; the selector of an absent
 * {@code metav1.LabelSelector} matches nothing, as {@code LabelSelectorAsSelector(nil)} does.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean matchesNothing;

    private LabelSelector(List<Requirement> requirements, boolean matchesNothing) {
        this.requirements = List.copyOf(requirements);
        this.matchesNothing = matchesNothing;
    }

    /** The selector that matches every object. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** The selector that matches no object. */
    public static LabelSelector nothing() {
        return NOTHING;
    }

    /** A selector made of the given requirements, all of which must hold. */
    public static LabelSelector of(List<Requirement> requirements) {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(Requirement::key));
        return new LabelSelector(sorted, false);
    }

    /**
     * Parses the query-string form, e.g. {@code app=web,tier in (front,back),!canary,replicas>2}.
     * A null or blank string is the empty selector.
     *
     * @throws SelectorException with Kubernetes' message, e.g. {@code unable to parse requirement: ...}
     */
    public static LabelSelector parse(String selector) {
        if (selector == null) {
            return EVERYTHING;
        }
        return new LabelSelector(LabelSelectorParser.parse(selector), false);
    }

    /**
     * Converts a {@code metav1.LabelSelector} object ({@code matchLabels} and {@code matchExpressions} with
     * {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}), as {@code LabelSelectorAsSelector} does:
     * null or missing matches nothing, an object with no terms matches everything.
     *
     * @throws SelectorException for an unknown operator or an invalid key or value
     */
    public static LabelSelector fromLabelSelectorObject(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return NOTHING;
        }
        JsonNode matchLabels = selector.path("matchLabels");
        JsonNode matchExpressions = selector.path("matchExpressions");
        if (matchLabels.size() + matchExpressions.size() == 0) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        matchLabels.properties().forEach(label -> requirements.add(
                Requirement.of(label.getKey(), Operator.EQUALS, List.of(label.getValue().asText()))));
        for (JsonNode expression : matchExpressions) {
            String operatorName = expression.path("operator").asText();
            Operator operator = switch (operatorName) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw new SelectorException(GoQuote.quote(operatorName)
                        + " is not a valid label selector operator");
            };
            JsonNode values = expression.path("values");
            List<String> given = null;
            if (values.isArray() && !values.isEmpty()) {
                given = new ArrayList<>();
                for (JsonNode value : values) {
                    given.add(value.asText());
                }
            }
            requirements.add(Requirement.validated(expression.path("key").asText(), operator, given, "key"));
        }
        return of(requirements);
    }

    /** The requirements, sorted by key; all must hold. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /** Whether this selector places no restriction (it matches every object). */
    public boolean isEmpty() {
        return requirements.isEmpty() && !matchesNothing;
    }

    /** Whether this is the selector of an absent {@code metav1.LabelSelector}, which matches no object. */
    public boolean matchesNothing() {
        return matchesNothing;
    }

    /** Whether the labels satisfy every requirement. */
    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a {@code metadata.labels} object (null or missing: no labels) satisfies every requirement. */
    public boolean matches(JsonNode labelsObject) {
        Map<String, String> labels = new HashMap<>();
        if (labelsObject != null && labelsObject.isObject()) {
            labelsObject.properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        }
        return matches(labels);
    }

    /** Kubernetes' canonical string, e.g. {@code app=web,tier in (back,front)}; empty for both extremes. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector that
                && matchesNothing == that.matchesNothing
                && requirements.equals(that.requirements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requirements, matchesNothing);
    }
}
