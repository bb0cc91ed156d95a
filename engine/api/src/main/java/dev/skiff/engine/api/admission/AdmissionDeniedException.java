package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * Admission refused the request; carries the metav1.Status Kubernetes returns (code, reason, message, details).
 */
public final class AdmissionDeniedException extends RuntimeException {
    private final int code;
    private final String reason;
    private final JsonNode details;
    private volatile List<String> warnings = List.of();

    public AdmissionDeniedException(int code, String reason, String message, JsonNode details) {
        super(message);
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.details = details;
    }

    /** 500 InternalError, as apierrors.NewInternalError builds it. */
    static AdmissionDeniedException internalError(String error) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.putArray("causes").addObject().put("message", error);
        return new AdmissionDeniedException(500, "InternalError", "Internal error occurred: " + error, details);
    }

    /** 400 BadRequest, as apierrors.NewBadRequest builds it. */
    static AdmissionDeniedException badRequest(String message) {
        return new AdmissionDeniedException(400, "BadRequest", message, null);
    }

    /** The HTTP status code of the answer. */
    public int code() {
        return code;
    }

    /** The metav1.Status reason; may be empty when a webhook denied without one. */
    public String reason() {
        return reason;
    }

    /** metav1.StatusDetails or null. */
    public JsonNode details() {
        return details;
    }

    /** Warnings webhooks returned before the request was refused; Kubernetes still sends them to the client. */
    public List<String> warnings() {
        return warnings;
    }

    AdmissionDeniedException withWarnings(Collection<String> collected) {
        this.warnings = List.copyOf(collected);
        return this;
    }

    /** The metav1.Status object for the response body. */
    public ObjectNode toStatus() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", getMessage());
        if (!reason.isEmpty()) {
            status.put("reason", reason);
        }
        if (details != null && !details.isNull()) {
            status.set("details", details.deepCopy());
        }
        status.put("code", code);
        return status;
    }
}
