package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Builds admission.k8s.io/v1 AdmissionReview requests and checks the reviews webhooks answer. */
final class AdmissionReviews {
    static final String API_VERSION = "admission.k8s.io/v1";
    static final String KIND = "AdmissionReview";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AdmissionReviews() {}

    /** The review sent to the webhook, field for field (and omitempty for omitempty) as kube-apiserver sends it. */
    static ObjectNode request(String uid, AdmissionAttributes attributes) {
        ObjectNode review = JSON.objectNode().put("kind", KIND).put("apiVersion", API_VERSION);
        ObjectNode request = review.putObject("request");
        request.put("uid", uid);
        request.set("kind", groupVersionKind(attributes));
        request.set("resource", groupVersionResource(attributes));
        putIfNotEmpty(request, "subResource", attributes.subresource());
        request.set("requestKind", groupVersionKind(attributes));
        request.set("requestResource", groupVersionResource(attributes));
        putIfNotEmpty(request, "requestSubResource", attributes.subresource());
        putIfNotEmpty(request, "name", attributes.name());
        putIfNotEmpty(request, "namespace", attributes.namespace());
        request.put("operation", attributes.operation());
        ObjectNode userInfo = request.putObject("userInfo");
        putIfNotEmpty(userInfo, "username", attributes.userName());
        if (!attributes.userGroups().isEmpty()) {
            attributes.userGroups().forEach(userInfo.putArray("groups")::add);
        }
        request.set("object", attributes.object() == null ? JSON.nullNode() : attributes.object());
        request.set("oldObject", attributes.oldObject() == null ? JSON.nullNode() : attributes.oldObject());
        request.put("dryRun", attributes.dryRun());
        request.set("options", options(attributes));
        return review;
    }

    private static ObjectNode groupVersionKind(AdmissionAttributes a) {
        return JSON.objectNode().put("group", a.group()).put("version", a.version()).put("kind", a.kind());
    }

    private static ObjectNode groupVersionResource(AdmissionAttributes a) {
        return JSON.objectNode().put("group", a.group()).put("version", a.version()).put("resource", a.resource());
    }

    /** Kubernetes always has the operation's options; make the minimal one when the caller has none. */
    private static JsonNode options(AdmissionAttributes a) {
        if (a.options() != null && !a.options().isNull()) {
            return a.options();
        }
        String kind = switch (a.operation()) {
            case "CREATE" -> "CreateOptions";
            case "UPDATE" -> "UpdateOptions";
            case "DELETE" -> "DeleteOptions";
            default -> null;
        };
        if (kind == null) {
            return JSON.nullNode();
        }
        ObjectNode options = JSON.objectNode().put("kind", kind).put("apiVersion", "meta.k8s.io/v1");
        if (a.dryRun()) {
            options.putArray("dryRun").add("All");
        }
        return options;
    }

    private static void putIfNotEmpty(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    /** The parts of a webhook's answer admission uses. {@code status} may be null. */
    record Response(boolean allowed, JsonNode status, String patch, String patchType, List<String> warnings) {}

    /**
     * Checks the answer as VerifyAdmissionResponse does; a bad answer is a call failure (failurePolicy applies).
     */
    static Response verify(String uid, boolean mutating, JsonNode review) throws WebhookCallFailure {
        if (review == null || !review.isObject()) {
            throw invalid("webhook response was absent");
        }
        JsonNode response = review.get("response");
        if (response == null || !response.isObject()) {
            throw invalid("webhook response was absent");
        }
        String gotUid = response.path("uid").asText("");
        if (!uid.equals(gotUid)) {
            throw invalid("expected response.uid=\"" + uid + "\", got \"" + gotUid + "\"");
        }
        String apiVersion = review.path("apiVersion").asText("");
        String kind = review.path("kind").asText("");
        if (!API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
            throw invalid("expected webhook response of " + API_VERSION + ", Kind=" + KIND + ", got "
                    + apiVersion + ", Kind=" + kind);
        }
        String patch = response.path("patch").asText("");
        JsonNode patchTypeNode = response.get("patchType");
        boolean hasPatchType = patchTypeNode != null && !patchTypeNode.isNull();
        String patchType = hasPatchType ? patchTypeNode.asText() : "";
        if (mutating) {
            if (!patch.isEmpty() && !hasPatchType) {
                throw invalid("webhook returned response.patch but not response.patchType");
            }
            if (patch.isEmpty() && hasPatchType) {
                throw invalid("webhook returned response.patchType but not response.patch");
            }
            if (hasPatchType && patchType.isEmpty()) {
                throw invalid("webhook returned invalid response.patchType of \"\"");
            }
        } else {
            if (!patch.isEmpty()) {
                throw invalid("validating webhook may not return response.patch");
            }
            if (hasPatchType) {
                throw invalid("validating webhook may not return response.patchType");
            }
        }
        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(w -> warnings.add(w.asText()));
        JsonNode status = response.get("status");
        return new Response(response.path("allowed").asBoolean(false),
                status == null || status.isNull() ? null : status, patch, patchType, warnings);
    }

    /** The patch bytes; the field is base64 ([]byte in Go). */
    static byte[] decodePatch(String patch) throws WebhookCallFailure {
        try {
            return Base64.getDecoder().decode(patch);
        } catch (IllegalArgumentException e) {
            throw invalid("illegal base64 data in response.patch: " + e.getMessage());
        }
    }

    private static WebhookCallFailure invalid(String reason) {
        return new WebhookCallFailure("received invalid webhook response: " + reason);
    }

    /** A denial as Kubernetes' ToStatusErr turns it into an error: the webhook's status, with a code of 400 or more. */
    static AdmissionDeniedException denial(String webhookName, JsonNode status) {
        JsonNode result = status == null ? JSON.objectNode() : status;
        int code = result.path("code").asInt(0);
        if (code < 400) {
            code = 400;
        }
        String deniedBy = "admission webhook \"" + webhookName + "\" denied the request";
        String message = result.path("message").asText("");
        String reason = result.path("reason").asText("");
        String text;
        if (!message.isEmpty()) {
            text = deniedBy + ": " + message;
        } else if (!reason.isEmpty()) {
            text = deniedBy + ": " + reason;
        } else {
            text = deniedBy + " without explanation";
        }
        JsonNode details = result.get("details");
        return new AdmissionDeniedException(code, reason, text, details == null || details.isNull() ? null : details);
    }
}
