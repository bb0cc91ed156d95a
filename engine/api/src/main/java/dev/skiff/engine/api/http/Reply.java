package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.status.ApiException;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Sends a response from a request's worker thread: every call to the response goes through the
 * connection's Vert.x context, which owns it.
 */
public final class Reply {
    public static final String JSON = "application/json";

    private final Context context;
    private final HttpServerResponse response;

    public Reply(Context context, HttpServerResponse response) {
        this.context = context;
        this.response = response;
    }

    public void json(int code, byte[] body, List<String> warnings) {
        context.runOnContext(v -> {
            warnings.forEach(w -> response.headers().add("Warning", warningHeader(w)));
            response.setStatusCode(code).putHeader("Content-Type", JSON).end(Buffer.buffer(body));
        });
    }

    public void json(int code, JsonNode body) {
        json(code, Json.bytes(body), List.of());
    }

    public void json(int code, byte[] body, String contentType) {
        context.runOnContext(v -> response.setStatusCode(code).putHeader("Content-Type", contentType)
                .end(Buffer.buffer(body)));
    }

    public void text(int code, String body) {
        context.runOnContext(v -> response.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body));
    }

    public void error(ApiException e) {
        json(e.code(), Json.bytes(e.toJson()), List.of());
    }

    /** Kubernetes' warning header form: {@code 299 - "text"}. */
    static String warningHeader(String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ');
        return "299 - \"" + escaped + "\"";
    }

    public Context context() {
        return context;
    }

    public HttpServerResponse response() {
        return response;
    }
}
