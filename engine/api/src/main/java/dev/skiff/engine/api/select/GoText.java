package dev.skiff.engine.api.select;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Formats values the way Go's {@code fmt} does inside Kubernetes' error messages, so that our messages read
 * exactly like kube-apiserver's ({@code %q} for strings, {@code %#v} for string slices).
 */
final class GoText {

    private GoText() {
    }

    /** Go's {@code strconv.Quote}: double quotes, with escapes for quotes, backslashes and control characters. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                        out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** Go's {@code %#v} of a {@code []string}; {@code null} prints as the nil slice. */
    static String stringSlice(List<String> values) {
        if (values == null) {
            return "[]string(nil)";
        }
        return values.stream().map(GoText::quote).collect(Collectors.joining(", ", "[]string{", "}"));
    }
}
