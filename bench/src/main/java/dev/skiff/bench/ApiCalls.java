package dev.skiff.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON calls to a running engine's API for the workload benchmarks: GET a tree, send a body (a 409 is fine). */
final class ApiCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineHttp http;
    private final String base;

    ApiCalls(EngineHttp http, String base) {
        this.http = http;
        this.base = base;
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(http.client().send(request("GET", path, null), HttpResponse.BodyHandlers.ofByteArray())
                .body());
    }

    /** POST/PUT/DELETE, or PATCH as a strategic merge patch; fails on an error other than AlreadyExists. */
    void send(String method, String path, String body) throws Exception {
        HttpResponse<byte[]> r = http.client().send(request(method, path, body),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 300 && r.statusCode() != 409) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " "
                    + new String(r.body(), UTF_8));
        }
    }

    HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + http.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", method.equals("PATCH") ? "application/strategic-merge-patch+json"
                    : "application/json");
        }
        return b.build();
    }
}
