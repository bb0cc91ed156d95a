package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;

/**
 * A delete's options ({@code meta/v1 DeleteOptions}, from the body or the query): preconditions,
 * propagation policy, grace period and dry run.
 */
public record DeleteOptions(String preconditionUid, String preconditionResourceVersion, String propagationPolicy,
                            Long gracePeriodSeconds) {

    public static DeleteOptions none() {
        return new DeleteOptions(null, null, null, null);
    }

    /** Reads the body (may be empty) and lets query parameters fill what it leaves out. */
    public static DeleteOptions from(JsonNode body, String queryPropagation, String queryGrace) {
        JsonNode pre = body == null ? null : body.get("preconditions");
        String policy = body == null ? null : text(body, "propagationPolicy");
        if (policy == null) {
            policy = queryPropagation;
        } else if (body.path("orphanDependents").asBoolean(false)) {
            policy = "Orphan";
        }
        if (policy != null && !policy.equals("Orphan") && !policy.equals("Background")
                && !policy.equals("Foreground")) {
            throw Errors.badRequest("propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        Long grace = null;
        if (body != null && body.hasNonNull("gracePeriodSeconds")) {
            grace = body.get("gracePeriodSeconds").asLong();
        } else if (queryGrace != null) {
            grace = parseGrace(queryGrace);
        }
        return new DeleteOptions(pre == null ? null : text(pre, "uid"),
                pre == null ? null : text(pre, "resourceVersion"), policy, grace);
    }

    private static Long parseGrace(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Errors.badRequest("gracePeriodSeconds must be an integer, got \"" + value + "\"");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    void checkPreconditions(ResourceType type, ObjectNode current) {
        String name = Json.text(current, "metadata.name");
        String uid = Json.text(current, "metadata.uid");
        if (preconditionUid != null && !preconditionUid.equals(uid)) {
            throw Errors.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: "
                    + preconditionUid + ", UID in object meta: " + uid);
        }
        String rv = Json.text(current, "metadata.resourceVersion");
        if (preconditionResourceVersion != null && !preconditionResourceVersion.equals(rv)) {
            throw Errors.conflict(type.group(), type.plural(), name,
                    "Precondition failed: ResourceVersion in precondition: " + preconditionResourceVersion
                            + ", ResourceVersion in object meta: " + rv);
        }
    }
}
