package dev.skiff.engine.api.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.List;

/**
 * A {@code meta/v1 Status}: what Kubernetes returns for every failed request (and some successful
 * deletes). {@code details} names the object and, for validation errors, each bad field.
 */
public record Status(int code, String reason, String message, Details details) {

    /** Which object the status is about, and the field-level causes. */
    public record Details(String name, String group, String kind, String uid, List<Cause> causes,
                          Integer retryAfterSeconds) {
        public static Details of(String name, String group, String kind) {
            return new Details(name, group, kind, null, List.of(), null);
        }
    }

    /** One cause: {@code reason} such as FieldValueInvalid, the field path and the message. */
    public record Cause(String reason, String message, String field) {
    }

    public ApiException exception() {
        return new ApiException(this);
    }

    public ObjectNode toJson() {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", code >= 200 && code < 300 ? "Success" : "Failure");
        if (message != null) {
            s.put("message", message);
        }
        if (reason != null && !reason.isEmpty()) {
            s.put("reason", reason);
        }
        if (details != null) {
            ObjectNode d = s.putObject("details");
            putIfPresent(d, "name", details.name());
            putIfPresent(d, "group", details.group());
            putIfPresent(d, "kind", details.kind());
            putIfPresent(d, "uid", details.uid());
            if (details.causes() != null && !details.causes().isEmpty()) {
                ArrayNode causes = d.putArray("causes");
                for (Cause c : details.causes()) {
                    ObjectNode cause = causes.addObject();
                    putIfPresent(cause, "reason", c.reason());
                    putIfPresent(cause, "message", c.message());
                    putIfPresent(cause, "field", c.field());
                }
            }
            if (details.retryAfterSeconds() != null) {
                d.put("retryAfterSeconds", details.retryAfterSeconds());
            }
        }
        s.put("code", code);
        return s;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
