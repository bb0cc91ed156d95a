package dev.skiff.engine.node.probes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The GET request an httpGet action (of a probe or a lifecycle hook) stands for, built as the kubelet builds it:
 * host defaults to the pod IP, named ports are resolved, {@code User-Agent: kube-probe/1.32} (or
 * {@code kube-lifecycle/1.32}) and {@code Accept: *}{@code /*} unless the spec sets them, and a {@code Host}
 * header replaces the request's host.
 *
 * @param scheme     {@code http} or {@code https}
 * @param host       the host to connect to
 * @param port       the port to connect to
 * @param target     path and query as written in the request line ({@code ""} means {@code /})
 * @param headers    header lines to send, names in Go's canonical form, without Host
 * @param hostHeader the Host header's value, or null for {@code host:port}
 */
record HttpGetRequest(String scheme, String host, int port, String target, List<Header> headers, String hostHeader) {

    /** The Kubernetes minor version whose kubelet the User-Agent names. */
    static final String KUBE_VERSION = "1.32";

    /** One request header. */
    record Header(String name, String value) {
    }

    static HttpGetRequest of(JsonNode httpGet, ProbeTarget target, String purpose) throws ActionException {
        String scheme = httpGet.path("scheme").asText("").toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            scheme = "http";
        }
        String host = httpGet.path("host").asText("");
        if (host.isEmpty()) {
            host = target.podIp();
        }
        int port = ContainerPorts.resolve(httpGet.get("port"), target.container());
        String path = httpGet.path("path").asText("");
        if (!path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
        List<Header> headers = new ArrayList<>();
        for (JsonNode h : httpGet.path("httpHeaders")) {
            headers.add(new Header(canonical(h.path("name").asText("")), h.path("value").asText("")));
        }
        if (first(headers, "User-Agent") == null) {
            headers.add(new Header("User-Agent", "kube-" + purpose + "/" + KUBE_VERSION));
        }
        String accept = first(headers, "Accept");
        if (accept == null) {
            headers.add(new Header("Accept", "*/*"));
        } else if (accept.isEmpty()) {
            headers.removeIf(h -> h.name().equals("Accept"));
        }
        String hostHeader = first(headers, "Host");
        headers.removeIf(h -> h.name().equals("Host"));
        return new HttpGetRequest(scheme, host, port, path, List.copyOf(headers),
                hostHeader == null || hostHeader.isEmpty() ? null : hostHeader);
    }

    /** The URL as Go prints it in errors: {@code http://127.1.0.5:8080/healthz}. */
    String url() {
        return scheme + "://" + GoText.hostPort(host, port) + target;
    }

    /** The Host header to send. */
    String authority() {
        return hostHeader != null ? hostHeader : GoText.hostPort(host, port);
    }

    /**
     * The request to send after a redirect to {@code next}: same headers; a Host override survives only a relative
     * Location, as in Go's client.
     */
    HttpGetRequest redirectTo(URI next, boolean relative) {
        String nextHost = next.getHost();
        if (nextHost.startsWith("[") && nextHost.endsWith("]")) {
            nextHost = nextHost.substring(1, nextHost.length() - 1);
        }
        String nextScheme = next.getScheme().toLowerCase(Locale.ROOT);
        int nextPort = next.getPort() >= 0 ? next.getPort() : nextScheme.equals("https") ? 443 : 80;
        String nextTarget = next.getRawPath() == null ? "" : next.getRawPath();
        if (next.getRawQuery() != null) {
            nextTarget += "?" + next.getRawQuery();
        }
        return new HttpGetRequest(nextScheme, nextHost, nextPort, nextTarget, headers, relative ? hostHeader : null);
    }

    String first(String name) {
        return first(headers, name);
    }

    private static String first(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.name().equals(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Go's {@code http.CanonicalHeaderKey}: {@code x-custom-header} becomes {@code X-Custom-Header}. */
    static String canonical(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c < 0x80 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
            if (!token) {
                return name; // Go leaves keys with invalid characters alone.
            }
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}
