package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews} ("may I do this?"), which is what
 * {@code kubectl auth can-i} sends: validates the review as Kubernetes does, asks the authorizer on behalf of
 * the requesting user, and returns the review with {@code status.allowed} and {@code status.reason} filled in.
 * kubectl prints {@code yes}, or {@code no} followed by {@code  - REASON} when there is a reason.
 */
public final class SelfSubjectAccessReviews {
    private static final List<String> RESOURCE_FIELDS =
            List.of("namespace", "verb", "group", "version", "resource", "subresource", "name");

    private SelfSubjectAccessReviews() {
    }

    /**
     * The review as the API returns it (201 Created, nothing stored).
     *
     * @throws dev.skiff.engine.api.status.ApiException 422 Invalid when neither or both of
     *     {@code spec.resourceAttributes} and {@code spec.nonResourceAttributes} are given, or metadata is set
     */
    public static ObjectNode evaluate(JsonNode review, UserInfo user, RbacObjects objects) {
        JsonNode spec = review.path("spec");
        JsonNode resource = present(spec.get("resourceAttributes"));
        JsonNode nonResource = present(spec.get("nonResourceAttributes"));
        validate(review.path("metadata"), resource, nonResource);

        RequestAttributes request = resource != null
                ? RequestAttributes.resource(text(resource, "verb"), text(resource, "group"),
                        text(resource, "resource"), text(resource, "subresource"), text(resource, "namespace"),
                        text(resource, "name"))
                : RequestAttributes.nonResource(text(nonResource, "verb"), text(nonResource, "path"));
        Decision decision = RbacAuthorizer.authorize(user, request, objects);

        ObjectNode out = Json.object();
        out.put("kind", AuthorizationApi.SELF_SUBJECT_ACCESS_REVIEW);
        out.put("apiVersion", AuthorizationApi.API_VERSION);
        ObjectNode metadata = out.putObject("metadata");
        metadata.putNull("creationTimestamp");
        JsonNode managedFields = present(review.path("metadata").get("managedFields"));
        if (managedFields != null) {
            metadata.set("managedFields", managedFields.deepCopy());
        }
        ObjectNode outSpec = out.putObject("spec");
        if (resource != null) {
            ObjectNode attributes = outSpec.putObject("resourceAttributes");
            RESOURCE_FIELDS.forEach(f -> putIfNotEmpty(attributes, f, text(resource, f)));
            copyIfPresent(resource, attributes, "fieldSelector");
            copyIfPresent(resource, attributes, "labelSelector");
        } else {
            ObjectNode attributes = outSpec.putObject("nonResourceAttributes");
            putIfNotEmpty(attributes, "path", text(nonResource, "path"));
            putIfNotEmpty(attributes, "verb", text(nonResource, "verb"));
        }
        ObjectNode status = out.putObject("status");
        status.put("allowed", decision.allowed());
        putIfNotEmpty(status, "reason", decision.reason());
        return out;
    }

    private static void validate(JsonNode metadata, JsonNode resource, JsonNode nonResource) {
        List<Status.Cause> causes = new ArrayList<>();
        if (resource != null && nonResource != null) {
            causes.add(invalid("spec.nonResourceAttributes", "authorization.NonResourceAttributes{Path:"
                    + GoQuote.quote(text(nonResource, "path")) + ", Verb:" + GoQuote.quote(text(nonResource, "verb"))
                    + "}", "cannot be specified in combination with resourceAttributes"));
        }
        if (resource == null && nonResource == null) {
            causes.add(invalid("spec.resourceAttributes", "\"null\"",
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        if (!GoObjectMeta.isEmpty(metadata)) {
            causes.add(invalid("metadata", GoObjectMeta.render(metadata), "must be empty"));
        }
        if (!causes.isEmpty()) {
            throw Errors.invalid(AuthorizationApi.SELF_SUBJECT_ACCESS_REVIEW, AuthorizationApi.GROUP, "", causes);
        }
    }

    private static Status.Cause invalid(String field, String goValue, String detail) {
        return new Status.Cause("FieldValueInvalid", "Invalid value: " + goValue + ": " + detail, field);
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static void putIfNotEmpty(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        JsonNode v = present(from.get(field));
        if (v != null) {
            to.set(field, v.deepCopy());
        }
    }
}
