package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.status.Errors;
import java.util.List;

/**
 * Answers {@code POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews} ("what may I do in this
 * namespace?"), which {@code kubectl auth can-i --list} sends: every rule bound to the user through
 * ClusterRoleBindings and the namespace's RoleBindings, split into resource and non-resource rules. As in
 * Kubernetes, {@code system:masters} gets no extra rules here (its power comes from outside RBAC); only the
 * {@code cluster-admin} binding shows.
 */
public final class SelfSubjectRulesReviews {

    private SelfSubjectRulesReviews() {
    }

    /**
     * The review as the API returns it (201 Created, nothing stored).
     *
     * @throws dev.skiff.engine.api.status.ApiException 400 BadRequest {@code no namespace on request}
     */
    public static ObjectNode evaluate(JsonNode review, UserInfo user, RbacObjects objects) {
        String namespace = review.path("spec").path("namespace").asText("");
        if (namespace.isEmpty()) {
            throw Errors.badRequest("no namespace on request");
        }
        RuleResolver.Rules found = RuleResolver.rulesFor(user, namespace, objects);

        ObjectNode out = Json.object();
        out.put("kind", AuthorizationApi.SELF_SUBJECT_RULES_REVIEW);
        out.put("apiVersion", AuthorizationApi.API_VERSION);
        out.putObject("metadata").putNull("creationTimestamp");
        out.putObject("spec");
        ObjectNode status = out.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        for (PolicyRule rule : found.rules()) {
            if (!rule.resources().isEmpty()) {
                ObjectNode r = resourceRules.addObject();
                putStrings(r, "verbs", rule.verbs(), true);
                putStrings(r, "apiGroups", rule.apiGroups(), false);
                putStrings(r, "resources", rule.resources(), false);
                putStrings(r, "resourceNames", rule.resourceNames(), false);
            }
            if (!rule.nonResourceURLs().isEmpty()) {
                ObjectNode r = nonResourceRules.addObject();
                putStrings(r, "verbs", rule.verbs(), true);
                putStrings(r, "nonResourceURLs", rule.nonResourceURLs(), false);
            }
        }
        status.put("incomplete", false);
        if (!found.errors().isEmpty()) {
            status.put("evaluationError", RuleResolver.aggregate(found.errors()));
        }
        return out;
    }

    // verbs is always written (Go has no omitempty on it); the other lists are left out when empty.
    private static void putStrings(ObjectNode node, String field, List<String> values, boolean always) {
        if (values.isEmpty() && !always) {
            return;
        }
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }
}
