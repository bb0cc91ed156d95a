package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A RoleBinding or ClusterRoleBinding as RBAC reads it: who ({@code subjects}) gets which role
 * ({@code roleRef}), and where. A RoleBinding grants only inside its own namespace, even when its roleRef is a
 * ClusterRole.
 */
record Binding(String kind, String name, String namespace, String roleKind, String roleName,
               List<Subject> subjects) {

    static Binding from(JsonNode binding, String kind) {
        JsonNode metadata = binding.path("metadata");
        JsonNode roleRef = binding.path("roleRef");
        List<Subject> subjects = new ArrayList<>();
        JsonNode list = binding.get("subjects");
        if (list != null && list.isArray()) {
            list.forEach(s -> subjects.add(Subject.from(s)));
        }
        return new Binding(kind, metadata.path("name").asText(""), metadata.path("namespace").asText(""),
                roleRef.path("kind").asText(""), roleRef.path("name").asText(""), List.copyOf(subjects));
    }

    Binding inNamespace(String ns) {
        return new Binding(kind, name, ns, roleKind, roleName, subjects);
    }

    /** The namespace a subject without one defaults to: the RoleBinding's, or none for a ClusterRoleBinding. */
    String subjectNamespace() {
        return kind.equals(RbacApi.CLUSTER_ROLE_BINDING) ? "" : namespace;
    }

    /** The first subject that names {@code user}, as Kubernetes reports only that one. */
    Optional<Subject> subjectFor(UserInfo user) {
        return subjects.stream().filter(s -> s.appliesTo(user, subjectNamespace())).findFirst();
    }

    /** {@code RoleBinding "NAME/NAMESPACE" of ClusterRole "edit" to User "jane"}. */
    String describe(Subject subject) {
        String bindingName = kind.equals(RbacApi.CLUSTER_ROLE_BINDING) ? name : name + "/" + namespace;
        return kind + " " + GoQuote.quote(bindingName) + " of " + roleKind + " " + GoQuote.quote(roleName)
                + " to " + subject.describe(subjectNamespace());
    }
}
