package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset CustomResourceDefinitions use in {@code additionalPrinterColumns[].jsonPath}:
 * {@code .a.b}, {@code ['a.b']}, {@code [0]}, {@code [-1]}, {@code [*]}, {@code .*} and filters such as
 * {@code [?(@.type=="Ready")]}. Missing keys yield no result rather than an error, as in Kubernetes'
 * table convertor.
 */
public final class JsonPathColumn {

    /** One step of a parsed path. */
    private sealed interface Step permits Field, Index, Wildcard, Filter {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Wildcard() implements Step {
    }

    /** {@code [?(@.path op literal)]}; op is null for an existence test. */
    private record Filter(List<Step> left, String op, JsonNode right) implements Step {
    }

    private final List<Step> steps;

    private JsonPathColumn(List<Step> steps) {
        this.steps = steps;
    }

    /**
     * Parses a column path such as {@code .status.conditions[?(@.type=="Ready")].status}; surrounding
     * braces ({@code {.spec.x}}) are accepted.
     *
     * @throws IllegalArgumentException when the path is not valid JSONPath of this subset
     */
    public static JsonPathColumn parse(String jsonPath) {
        String p = jsonPath.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1).trim();
        }
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        return new JsonPathColumn(new Parser(p, jsonPath).steps(false));
    }

    /** The first value {@code jsonPath} selects in {@code object}, or null when it selects nothing. */
    public static JsonNode evaluate(String jsonPath, JsonNode object) {
        return parse(jsonPath).first(object);
    }

    /** The first selected value, or null. */
    public JsonNode first(JsonNode object) {
        List<JsonNode> all = findAll(object);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every selected value, in document order. */
    public List<JsonNode> findAll(JsonNode object) {
        return apply(steps, List.of(object));
    }

    private static List<JsonNode> apply(List<Step> steps, List<JsonNode> start) {
        List<JsonNode> current = start;
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                select(step, node, next);
            }
            current = next;
        }
        return current;
    }

    private static void select(Step step, JsonNode node, List<JsonNode> out) {
        switch (step) {
            case Field f -> {
                JsonNode child = node.isObject() ? node.get(f.name()) : null;
                if (child != null) {
                    out.add(child);
                }
            }
            case Index i -> {
                if (node.isArray()) {
                    int at = i.index() < 0 ? node.size() + i.index() : i.index();
                    if (at >= 0 && at < node.size()) {
                        out.add(node.get(at));
                    }
                }
            }
            case Wildcard w -> {
                if (node.isArray() || node.isObject()) {
                    node.forEach(out::add);
                }
            }
            case Filter f -> {
                if (node.isArray()) {
                    node.forEach(element -> {
                        if (matches(f, element)) {
                            out.add(element);
                        }
                    });
                }
            }
        }
    }

    private static boolean matches(Filter filter, JsonNode element) {
        List<JsonNode> left = apply(filter.left(), List.of(element));
        if (filter.op() == null) {
            return !left.isEmpty();
        }
        if (left.isEmpty()) {
            return false;
        }
        JsonNode value = left.get(0);
        JsonNode right = filter.right();
        if (value.isNumber() && right.isNumber()) {
            int c = value.decimalValue().compareTo(right.decimalValue());
            return compare(filter.op(), c);
        }
        if (filter.op().equals("==") || filter.op().equals("!=")) {
            boolean equal = value.isValueNode() && value.asText().equals(right.asText());
            return filter.op().equals("==") == equal;
        }
        if (value.isValueNode() && right.isValueNode()) {
            return compare(filter.op(), value.asText().compareTo(right.asText()));
        }
        return false;
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }

    /** A small recursive-descent reader of the path text. */
    private static final class Parser {
        private final String text;
        private final String original;
        private int pos;

        Parser(String text, String original) {
            this.text = text;
            this.original = original;
        }

        List<Step> steps(boolean insideFilter) {
            List<Step> steps = new ArrayList<>();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (insideFilter && (c == ' ' || c == '=' || c == '!' || c == '<' || c == '>' || c == ')')) {
                    break;
                }
                if (c == '.') {
                    pos++;
                    if (pos < text.length() && text.charAt(pos) == '*') {
                        pos++;
                        steps.add(new Wildcard());
                    } else if (pos < text.length() && text.charAt(pos) != '[' && text.charAt(pos) != '.') {
                        steps.add(new Field(name()));
                    } else if (pos < text.length() && text.charAt(pos) == '.') {
                        throw invalid("recursive descent (..) is not supported");
                    }
                } else if (c == '[') {
                    steps.add(bracket());
                } else {
                    throw invalid("unexpected " + c + " at " + pos);
                }
            }
            return steps;
        }

        private String name() {
            StringBuilder name = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    name.append(text.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                if (c == '.' || c == '[' || c == ' ' || c == '=' || c == '!' || c == '<' || c == '>' || c == ')') {
                    break;
                }
                name.append(c);
                pos++;
            }
            return name.toString();
        }

        private Step bracket() {
            if (text.startsWith("[?(", pos)) {
                pos += 3;
                skipSpaces();
                if (!text.startsWith("@", pos)) {
                    throw invalid("a filter must start with @");
                }
                pos++;
                List<Step> left = steps(true);
                skipSpaces();
                String op = null;
                JsonNode right = null;
                for (String candidate : List.of("==", "!=", "<=", ">=", "<", ">")) {
                    if (text.startsWith(candidate, pos)) {
                        op = candidate;
                        pos += candidate.length();
                        skipSpaces();
                        right = literal();
                        skipSpaces();
                        break;
                    }
                }
                expect(")]");
                return new Filter(left, op, right);
            }
            int close = text.indexOf(']', pos);
            if (close < 0) {
                throw invalid("unclosed [");
            }
            String inside = text.substring(pos + 1, close).trim();
            pos = close + 1;
            if (inside.equals("*")) {
                return new Wildcard();
            }
            if ((inside.startsWith("'") && inside.endsWith("'")) || (inside.startsWith("\"") && inside.endsWith("\""))) {
                return new Field(inside.substring(1, inside.length() - 1));
            }
            try {
                return new Index(Integer.parseInt(inside));
            } catch (NumberFormatException e) {
                throw invalid("unsupported array index [" + inside + "]");
            }
        }

        private JsonNode literal() {
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int end = text.indexOf(c, pos + 1);
                if (end < 0) {
                    throw invalid("unclosed quote");
                }
                String s = text.substring(pos + 1, end);
                pos = end + 1;
                return TextNode.valueOf(s);
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ')' && text.charAt(pos) != ' ') {
                pos++;
            }
            String token = text.substring(start, pos);
            if (token.equals("true") || token.equals("false")) {
                return BooleanNode.valueOf(token.equals("true"));
            }
            try {
                return DecimalNode.valueOf(new BigDecimal(token));
            } catch (NumberFormatException e) {
                return TextNode.valueOf(token);
            }
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private void expect(String s) {
            if (!text.startsWith(s, pos)) {
                throw invalid("expected " + s + " at " + pos);
            }
            pos += s.length();
        }

        private IllegalArgumentException invalid(String why) {
            return new IllegalArgumentException("invalid JSONPath " + original + ": " + why);
        }
    }
}
