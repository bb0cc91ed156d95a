package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Matches a request against a webhook's {@code rules} (RuleWithOperations), as Kubernetes' rules matcher does.
 *
 * <p>matchPolicy Equivalent behaves as Exact here: Skiff serves one version of each kind, so there is no
 * equivalent resource to convert to.
 */
final class WebhookRules {
    private WebhookRules() {}

    static boolean anyMatches(JsonNode rules, AdmissionAttributes request) {
        for (JsonNode rule : rules) {
            if (matches(rule, request)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(JsonNode rule, AdmissionAttributes request) {
        return scopeMatches(rule.path("scope").asText("*"), request)
                && exactOrWildcard(rule.path("operations"), request.operation())
                && exactOrWildcard(rule.path("apiGroups"), request.group())
                && exactOrWildcard(rule.path("apiVersions"), request.version())
                && resourceMatches(rule.path("resources"), request);
    }

    /** Namespaces are cluster-scoped even though their requests carry a namespace (their own name). */
    private static boolean scopeMatches(String scope, AdmissionAttributes request) {
        boolean namespaceObject = request.group().isEmpty() && "v1".equals(request.version())
                && "namespaces".equals(request.resource());
        return switch (scope) {
            case "*" -> true;
            case "Namespaced" -> !namespaceObject && !request.namespace().isEmpty();
            case "Cluster" -> namespaceObject || request.namespace().isEmpty();
            default -> false;
        };
    }

    private static boolean exactOrWildcard(JsonNode items, String requested) {
        for (JsonNode item : items) {
            String value = item.asText();
            if (value.equals("*") || value.equals(requested)) {
                return true;
            }
        }
        return false;
    }

    /** "pods" matches only the main resource, "pods/*" all its subresources, "*&#47;status" status of all. */
    private static boolean resourceMatches(JsonNode resources, AdmissionAttributes request) {
        for (JsonNode item : resources) {
            String value = item.asText();
            int slash = value.indexOf('/');
            String resource = slash < 0 ? value : value.substring(0, slash);
            String subresource = slash < 0 ? "" : value.substring(slash + 1);
            boolean resourceMatch = resource.equals("*") || resource.equals(request.resource());
            boolean subresourceMatch = subresource.equals("*") || subresource.equals(request.subresource());
            if (resourceMatch && subresourceMatch) {
                return true;
            }
        }
        return false;
    }

    /** Requests on admission configuration objects never go to webhooks, so a bad webhook cannot lock itself in. */
    static boolean isExemptAdmissionConfigurationResource(AdmissionAttributes request) {
        if (!"admissionregistration.k8s.io".equals(request.group())) {
            return false;
        }
        return switch (request.kind()) {
            case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
                    "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding" -> true;
            default -> false;
        };
    }
}
