package dev.skiff.engine.net.ingress;

import java.util.Locale;

/** Host names as Ingress rules compare them: case-insensitive, without port or trailing dot. */
final class HostNames {
    private HostNames() {
    }

    /**
     * The host of a Host header or SNI name in the form rules compare: lower case, without {@code :port} and
     * without the trailing dot of a fully qualified name; "" for none.
     */
    static String normalize(String host) {
        if (host == null || host.isEmpty()) {
            return "";
        }
        String h = host;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && colon == h.lastIndexOf(':')) {
                h = h.substring(0, colon);
            }
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** Whether a rule host is a wildcard ({@code *.example.com}). */
    static boolean isWildcard(String ruleHost) {
        return ruleHost.startsWith("*.");
    }

    /** The suffix a wildcard rule host stands for: "example.com" for {@code *.example.com}. */
    static String wildcardSuffix(String ruleHost) {
        return ruleHost.substring(2);
    }

    /**
     * The suffix under which a request host would find a wildcard rule: the host without its first label
     * ("example.com" for "foo.example.com"); null when the host has a single label, which no wildcard matches.
     */
    static String parentOf(String requestHost) {
        int dot = requestHost.indexOf('.');
        return dot <= 0 || dot == requestHost.length() - 1 ? null : requestHost.substring(dot + 1);
    }
}
