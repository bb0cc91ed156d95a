package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoQuote;

/**
 * One entry of a binding's {@code subjects}: a User, Group or ServiceAccount. A ServiceAccount subject without a
 * namespace means the binding's own namespace (so a RoleBinding may name {@code {kind: ServiceAccount, name:
 * builder}}); in a ClusterRoleBinding it then matches nobody. Other kinds never match.
 */
public record Subject(String kind, String name, String namespace) {

    public Subject {
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    public static Subject from(JsonNode subject) {
        return new Subject(text(subject, "kind"), text(subject, "name"), text(subject, "namespace"));
    }

    /** Whether this subject names {@code user}, inside a binding in {@code bindingNamespace} ("" if cluster). */
    public boolean appliesTo(UserInfo user, String bindingNamespace) {
        return switch (kind) {
            case RbacApi.USER_KIND -> user.name().equals(name);
            case RbacApi.GROUP_KIND -> user.inGroup(name);
            case RbacApi.SERVICE_ACCOUNT_KIND -> {
                String saNamespace = namespace.isEmpty() ? bindingNamespace : namespace;
                yield !saNamespace.isEmpty()
                        && user.name().equals(UserInfo.serviceAccountUsername(saNamespace, name));
            }
            default -> false;
        };
    }

    /** {@code Group "devs"}, or {@code ServiceAccount "NAME/NAMESPACE"}, as RBAC's allow reasons name it. */
    String describe(String bindingNamespace) {
        if (kind.equals(RbacApi.SERVICE_ACCOUNT_KIND)) {
            String ns = namespace.isEmpty() ? bindingNamespace : namespace;
            return kind + " " + GoQuote.quote(name + "/" + ns);
        }
        return kind + " " + GoQuote.quote(name);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
