package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Value semantics for JSON trees as structured-merge-diff sees them: numbers compare by value
 * (an int 80 equals a float 80.0), values have a total order, and values print the way the Go
 * API server prints them (in {@code k:}/{@code v:} path elements and in conflict paths).
 */
final class JsonValues {

    /** Parser shared by this package; configured as Jackson's defaults. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {}

    /** Whether two values are the same; objects ignore key order, numbers compare by value. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                if (!same(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * Total order of values used to sort set items and list-map keys: numbers, then strings,
     * then booleans, then lists, then maps, then null.
     */
    static int compare(JsonNode a, JsonNode b) {
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        return switch (rankA) {
            case 0 -> a.decimalValue().compareTo(b.decimalValue());
            case 1 -> a.textValue().compareTo(b.textValue());
            case 2 -> Boolean.compare(a.booleanValue(), b.booleanValue());
            case 3 -> compareLists(a, b);
            case 4 -> compareMaps(a, b);
            default -> 0;
        };
    }

    private static int rank(JsonNode v) {
        if (v.isNumber()) {
            return 0;
        }
        if (v.isTextual()) {
            return 1;
        }
        if (v.isBoolean()) {
            return 2;
        }
        if (v.isArray()) {
            return 3;
        }
        if (v.isObject()) {
            return 4;
        }
        return 5;
    }

    private static int compareLists(JsonNode a, JsonNode b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareMaps(JsonNode a, JsonNode b) {
        List<String> keysA = sortedKeys(a);
        List<String> keysB = sortedKeys(b);
        for (int i = 0; i < Math.min(keysA.size(), keysB.size()); i++) {
            int c = keysA.get(i).compareTo(keysB.get(i));
            if (c != 0) {
                return c;
            }
            c = compare(a.get(keysA.get(i)), b.get(keysB.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(keysA.size(), keysB.size());
    }

    static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        return keys;
    }

    /**
     * A copy in which every integral number is a long and every other number a double, so that
     * values parsed as 80, 80L or 80.0 give equal path elements.
     */
    static JsonNode normalized(JsonNode v) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
                try {
                    return nodes.numberNode(d.longValueExact());
                } catch (ArithmeticException tooBig) {
                    return nodes.numberNode(d.toBigInteger());
                }
            }
            return nodes.numberNode(v.doubleValue());
        }
        if (v.isObject()) {
            ObjectNode copy = nodes.objectNode();
            v.properties().forEach(f -> copy.set(f.getKey(), normalized(f.getValue())));
            return copy;
        }
        if (v.isArray()) {
            var copy = nodes.arrayNode();
            v.forEach(item -> copy.add(normalized(item)));
            return copy;
        }
        return v;
    }

    /**
     * Compact JSON as Go's encoding/json writes it: object keys sorted, and {@code <}, {@code >},
     * {@code &}, U+2028 and U+2029 escaped. This is the form of {@code k:} and {@code v:} path
     * elements and of the last-applied annotation.
     */
    static String goJson(JsonNode v) {
        StringBuilder out = new StringBuilder();
        writeGoJson(v, out);
        return out.toString();
    }

    private static void writeGoJson(JsonNode v, StringBuilder out) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            out.append("null");
        } else if (v.isTextual()) {
            quote(v.textValue(), out);
        } else if (v.isNumber()) {
            out.append(goNumber(v));
        } else if (v.isBoolean()) {
            out.append(v.booleanValue());
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeGoJson(v.get(i), out);
            }
            out.append(']');
        } else if (v.isObject()) {
            out.append('{');
            boolean first = true;
            for (String key : sortedKeys(v)) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(key, out);
                out.append(':');
                writeGoJson(v.get(key), out);
            }
            out.append('}');
        } else {
            out.append(v.asText());
        }
    }

    private static String goNumber(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        double d = v.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        // Go prints large and small floats with an exponent such as 1e+21; Java writes 1.0E21.
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
        String exponent = s.substring(e + 1);
        return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A value as the API server prints it inside a field path: strings quoted, numbers bare. */
    static String display(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            StringBuilder out = new StringBuilder();
            quote(v.textValue(), out);
            return out.toString().replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&");
        }
        if (v.isNumber()) {
            return goNumber(v);
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(display(item)));
            return "[" + String.join(",", items) + "]";
        }
        if (v.isObject()) {
            StringBuilder out = new StringBuilder();
            for (String key : sortedKeys(v)) {
                out.append(key).append('=').append(display(v.get(key)));
            }
            return out.toString();
        }
        return v.asText();
    }
}
