package dev.skiff.engine.net.ingress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One {@code spec.rules[].http.paths[]} entry: how it matches a request path, and where it sends it.
 *
 * <p>{@code Exact} matches the path exactly, case-sensitively. {@code Prefix} (and
 * {@code ImplementationSpecific}, which Skiff treats as Prefix) matches element by element on {@code /}-separated
 * path elements, ignoring a trailing slash on either side: {@code /foo} matches {@code /foo}, {@code /foo/} and
 * {@code /foo/bar}, never {@code /foobar}.
 *
 * @param source the Ingress ("namespace/name") this path comes from, for messages
 */
record IngressPath(Type type, String path, String[] elements, Backend backend, String source) {
    /** The Kubernetes path types, ImplementationSpecific folded into Prefix. */
    enum Type {
        EXACT("Exact"), PREFIX("Prefix");

        final String kubernetesName;

        Type(String kubernetesName) {
            this.kubernetesName = kubernetesName;
        }
    }

    /**
     * The order paths are tried in, as Kubernetes defines precedence: the longest path first and, between equally
     * long paths, Exact before Prefix; the older Ingress first after that (the sort is stable).
     */
    static final Comparator<IngressPath> PRECEDENCE = Comparator
            .comparingInt((IngressPath p) -> -p.matchLength())
            .thenComparing(IngressPath::type);

    static IngressPath of(Type type, String path, Backend backend, String source) {
        return new IngressPath(type, path, type == Type.PREFIX ? elements(path) : null, backend, source);
    }

    boolean matches(String requestPath, String[] requestElements) {
        if (type == Type.EXACT) {
            return path.equals(requestPath);
        }
        if (elements.length > requestElements.length) {
            return false;
        }
        for (int i = 0; i < elements.length; i++) {
            if (!elements[i].equals(requestElements[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether this path and {@code other} match the same requests. */
    boolean sameMatch(IngressPath other) {
        return type == other.type && key().equals(other.key());
    }

    /** The length that ranks this path: a Prefix path counts without its trailing slash ("/" counts 0). */
    int matchLength() {
        return key().length();
    }

    private String key() {
        return type == Type.EXACT ? path : elements.length == 0 ? "" : "/" + String.join("/", elements);
    }

    /** The non-empty {@code /}-separated elements of a path. */
    static String[] elements(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = path.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return path + " (" + type.kubernetesName + ")";
    }
}
