package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a Role's or ClusterRole's {@code rules}, and the test whether it covers a request, exactly as
 * Kubernetes' {@code RuleAllows} does: every list must match, {@code *} matches anything, {@code resources}
 * may name {@code pods/exec} or {@code *}{@code /scale}, an empty {@code resourceNames} matches every name, and a
 * {@code nonResourceURLs} entry ending in {@code *} matches by prefix. Nothing else is a pattern.
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> resourceNames, List<String> nonResourceURLs) {

    public PolicyRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    /** Reads one rule object; missing or null lists are empty. */
    public static PolicyRule from(JsonNode rule) {
        return new PolicyRule(strings(rule.get("verbs")), strings(rule.get("apiGroups")),
                strings(rule.get("resources")), strings(rule.get("resourceNames")),
                strings(rule.get("nonResourceURLs")));
    }

    /** The {@code rules} of a Role or ClusterRole object. */
    public static List<PolicyRule> rulesOf(JsonNode role) {
        JsonNode rules = role.get("rules");
        List<PolicyRule> out = new ArrayList<>();
        if (rules != null && rules.isArray()) {
            rules.forEach(r -> out.add(from(r)));
        }
        return out;
    }

    public boolean allows(RequestAttributes request) {
        if (!verbMatches(request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return nonResourceURLMatches(request.path());
        }
        return apiGroupMatches(request.apiGroup())
                && resourceMatches(request.combinedResource(), request.subresource())
                && resourceNameMatches(request.name());
    }

    private boolean verbMatches(String verb) {
        return verbs.contains(RbacApi.ALL) || verbs.contains(verb);
    }

    private boolean apiGroupMatches(String group) {
        return apiGroups.contains(RbacApi.ALL) || apiGroups.contains(group);
    }

    private boolean resourceMatches(String combined, String subresource) {
        for (String r : resources) {
            if (r.equals(RbacApi.ALL) || r.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && r.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    private boolean resourceNameMatches(String name) {
        return resourceNames.isEmpty() || resourceNames.contains(name);
    }

    private boolean nonResourceURLMatches(String path) {
        for (String url : nonResourceURLs) {
            if (url.equals(RbacApi.ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith("*") && path.startsWith(stripTrailingStars(url))) {
                return true;
            }
        }
        return false;
    }

    // Go's strings.TrimRight(url, "*") drops every trailing star, so "/logs**" is the prefix "/logs".
    private static String stripTrailingStars(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '*') {
            end--;
        }
        return url.substring(0, end);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
