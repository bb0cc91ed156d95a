package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Finds the rules that apply to a user in a namespace, in Kubernetes' order: every ClusterRoleBinding first,
 * then, for a namespaced request, the RoleBindings of that namespace. A binding whose role cannot be found
 * contributes an error instead of rules; rules are purely additive, so the others still count.
 */
final class RuleResolver {

    /** Receives each rule with the binding it came from, or an error; returns false to stop. */
    interface Visitor {
        boolean visit(String source, PolicyRule rule, String error);
    }

    /** Every rule that applies, and the errors met while resolving roles. */
    record Rules(List<PolicyRule> rules, List<String> errors) {
    }

    private RuleResolver() {
    }

    static void visitRulesFor(UserInfo user, String namespace, RbacObjects objects, Visitor visitor) {
        for (JsonNode node : objects.clusterRoleBindings()) {
            if (!visitBinding(Binding.from(node, RbacApi.CLUSTER_ROLE_BINDING), user, objects, visitor)) {
                return;
            }
        }
        if (namespace.isEmpty()) {
            return;
        }
        for (JsonNode node : objects.roleBindings(namespace)) {
            // Listed under the request's namespace, which is what subjects and a Role reference resolve in.
            Binding binding = Binding.from(node, RbacApi.ROLE_BINDING).inNamespace(namespace);
            if (!visitBinding(binding, user, objects, visitor)) {
                return;
            }
        }
    }

    static Rules rulesFor(UserInfo user, String namespace, RbacObjects objects) {
        List<PolicyRule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        visitRulesFor(user, namespace, objects, (source, rule, error) -> {
            if (rule != null) {
                rules.add(rule);
            }
            if (error != null) {
                errors.add(error);
            }
            return true;
        });
        return new Rules(rules, errors);
    }

    /** Go's {@code utilerrors.NewAggregate(errs).Error()}: one message alone, several deduplicated in brackets. */
    static String aggregate(List<String> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>(errors);
        String joined = String.join(", ", unique);
        return unique.size() == 1 ? joined : "[" + joined + "]";
    }

    private static boolean visitBinding(Binding binding, UserInfo user, RbacObjects objects, Visitor visitor) {
        Optional<Subject> subject = binding.subjectFor(user);
        if (subject.isEmpty()) {
            return true;
        }
        RoleLookup lookup = roleReferenced(binding, objects);
        if (lookup.role() == null) {
            return visitor.visit(null, null, lookup.error());
        }
        String source = binding.describe(subject.get());
        for (PolicyRule rule : PolicyRule.rulesOf(lookup.role())) {
            if (!visitor.visit(source, rule, null)) {
                return false;
            }
        }
        return true;
    }

    private static RoleLookup roleReferenced(Binding binding, RbacObjects objects) {
        String name = binding.roleName();
        return switch (binding.roleKind()) {
            case RbacApi.ROLE -> RoleLookup.of(objects.role(binding.subjectNamespace(), name).orElse(null),
                    "role." + RbacApi.GROUP + " " + GoQuote.quote(name) + " not found");
            case RbacApi.CLUSTER_ROLE -> RoleLookup.of(objects.clusterRole(name).orElse(null),
                    "clusterrole." + RbacApi.GROUP + " " + GoQuote.quote(name) + " not found");
            default -> new RoleLookup(null, "unsupported role reference kind: " + GoQuote.quote(binding.roleKind()));
        };
    }

    /** The role a roleRef leads to, or Kubernetes' error text for why it leads nowhere. */
    private record RoleLookup(JsonNode role, String error) {
        static RoleLookup of(JsonNode roleOrNull, String notFound) {
            return roleOrNull != null ? new RoleLookup(roleOrNull, null) : new RoleLookup(null, notFound);
        }
    }
}
