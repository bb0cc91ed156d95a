package dev.skiff.engine.net.ingress;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers that cross the proxy: end-to-end headers pass as they are (Host included), hop-by-hop headers stay
 * on their own connection, and the backend learns who the client is from {@code X-Forwarded-For},
 * {@code X-Real-IP}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port}.
 */
final class ForwardedHeaders {
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_REAL_IP = "X-Real-IP";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    /**
     * Hop-by-hop headers (RFC 9110 section 7.6.1), and {@code Expect}, which the proxy answers itself with
     * {@code 100 Continue}.
     */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "expect");

    private ForwardedHeaders() {
    }

    /** Whether a request asks to switch protocols (WebSocket and the like), which the proxy tunnels. */
    static boolean isUpgrade(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET || !request.headers().contains(HttpHeaders.UPGRADE)) {
            return false;
        }
        return connectionTokens(request.headers()).contains("upgrade");
    }

    /** The headers of the request to the backend. */
    static MultiMap toBackend(HttpServerRequest request, boolean upgrade) {
        MultiMap in = request.headers();
        MultiMap out = HttpHeaders.headers();
        copyEndToEnd(in, out);
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (client != null) {
            String prior = String.join(", ", in.getAll(X_FORWARDED_FOR));
            out.set(X_FORWARDED_FOR, prior.isEmpty() ? client : prior + ", " + client);
            out.set(X_REAL_IP, client);
        }
        out.set(X_FORWARDED_PROTO, request.isSSL() ? "https" : "http");
        String host = in.get(HttpHeaders.HOST);
        if (host != null) {
            out.set(X_FORWARDED_HOST, host);
        }
        if (request.localAddress() != null) {
            out.set(X_FORWARDED_PORT, Integer.toString(request.localAddress().port()));
        }
        if (upgrade) {
            out.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
            out.set(HttpHeaders.UPGRADE, in.get(HttpHeaders.UPGRADE));
        }
        return out;
    }

    /** Copies the end-to-end headers of a backend response onto the client response. */
    static void toClient(MultiMap backendHeaders, MultiMap clientHeaders) {
        copyEndToEnd(backendHeaders, clientHeaders);
    }

    private static void copyEndToEnd(MultiMap from, MultiMap to) {
        Set<String> named = connectionTokens(from);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    /** The lower-case tokens of the Connection headers: options, and headers that are hop-by-hop this time. */
    private static Set<String> connectionTokens(MultiMap headers) {
        Set<String> tokens = new HashSet<>();
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }
}
