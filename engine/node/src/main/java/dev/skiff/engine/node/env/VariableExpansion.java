package dev.skiff.engine.node.env;

import java.util.Map;
import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} expansion of {@code env[].value}, {@code command} and {@code args}: a reference to
 * a known variable becomes its value, {@code $$} becomes a literal {@code $}, and anything else, including a
 * reference to an unknown variable or an unclosed {@code $(}, stays as written.
 */
public final class VariableExpansion {

    private VariableExpansion() {
    }

    /** {@code input} with references to {@code vars} expanded. */
    public static String expand(String input, Map<String, String> vars) {
        return expand(input, name -> vars.containsKey(name) ? vars.get(name) : "$(" + name + ")");
    }

    /** {@code input} with each reference replaced by what {@code mapping} gives for the variable's name. */
    public static String expand(String input, Function<String, String> mapping) {
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 == input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    // An unclosed reference is kept; scanning resumes after the "(".
                    out.append("$(");
                    i += 2;
                } else {
                    out.append(mapping.apply(input.substring(i + 2, close)));
                    i = close + 1;
                }
            } else {
                out.append('$').append(next);
                i += 2;
            }
        }
        return out.toString();
    }
}
