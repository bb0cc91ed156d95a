package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.text.GoQuote.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bad value as kube-apiserver prints it in a field error: Go's {@code %q} for strings, {@code %v} for numbers
 * and {@code %#v} for everything else ({@code []string{"a"}}, {@code map[string]string{"app":"web"}},
 * {@code intstr.IntOrString{Type:1, IntVal:0, StrVal:"30%"}}). Users compare these texts with what a real
 * cluster said, so they are reproduced exactly where Go's output is deterministic.
 */
record GoValue(String text) {

    /** A Go string, quoted like {@code strconv.Quote}. */
    static GoValue of(String value) {
        return new GoValue(quote(value));
    }

    /** A Go integer. */
    static GoValue of(long value) {
        return new GoValue(Long.toString(value));
    }

    /** A Go bool. */
    static GoValue of(boolean value) {
        return new GoValue(Boolean.toString(value));
    }

    /** Text printed as is. */
    static GoValue raw(String text) {
        return new GoValue(text);
    }

    /** A {@code []string}; {@code null} prints as the nil slice. */
    static GoValue stringSlice(List<String> values) {
        return new GoValue(GoQuote.stringSlice(values));
    }

    /** A {@code map[string]string} from a JSON object (absent or null prints as the nil map); Go sorts keys. */
    static GoValue stringMap(JsonNode object) {
        return new GoValue(stringMapText(object));
    }

    /**
     * An {@code intstr.IntOrString} printed by value: its {@code String()} has a pointer receiver, so Kubernetes
     * shows the struct.
     */
    static GoValue intOrString(JsonNode value) {
        if (value != null && value.isTextual()) {
            return new GoValue("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + quote(value.asText()) + "}");
        }
        long number = value == null || value.isNull() ? 0 : value.asLong();
        return new GoValue("intstr.IntOrString{Type:0, IntVal:" + number + ", StrVal:\"\"}");
    }

    /** A {@code metav1.LabelSelector} printed by value (its {@code String()} has a pointer receiver). */
    static GoValue labelSelector(JsonNode selector) {
        StringBuilder out = new StringBuilder("v1.LabelSelector{MatchLabels:");
        out.append(stringMapText(selector == null ? null : selector.get("matchLabels")));
        out.append(", MatchExpressions:");
        JsonNode expressions = selector == null ? null : selector.get("matchExpressions");
        if (expressions == null || !expressions.isArray() || expressions.isEmpty()) {
            out.append(expressions != null && expressions.isArray()
                    ? "[]v1.LabelSelectorRequirement{}" : "[]v1.LabelSelectorRequirement(nil)");
        } else {
            out.append("[]v1.LabelSelectorRequirement{");
            for (int i = 0; i < expressions.size(); i++) {
                JsonNode e = expressions.get(i);
                if (i > 0) {
                    out.append(", ");
                }
                out.append("v1.LabelSelectorRequirement{Key:").append(quote(Fields.text(e, "key")))
                        .append(", Operator:").append(quote(Fields.text(e, "operator")))
                        .append(", Values:").append(GoQuote.stringSlice(Fields.stringsOrNull(e, "values")))
                        .append('}');
            }
            out.append('}');
        }
        return new GoValue(out.append('}').toString());
    }

    static String stringMapText(JsonNode object) {
        if (object == null || !object.isObject()) {
            return "map[string]string(nil)";
        }
        Map<String, String> sorted = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            sorted.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(quote(k) + ":" + quote(v)));
        return "map[string]string{" + String.join(", ", pairs) + "}";
    }
}
