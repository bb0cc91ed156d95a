package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds RBAC objects for tests, in the JSON form the store holds. */
final class Rbac {
    static final ObjectMapper JSON = new ObjectMapper();

    private Rbac() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode rule(List<String> verbs, List<String> apiGroups, List<String> resources) {
        ObjectNode r = JSON.createObjectNode();
        strings(r.putArray("verbs"), verbs);
        strings(r.putArray("apiGroups"), apiGroups);
        strings(r.putArray("resources"), resources);
        return r;
    }

    static ObjectNode named(ObjectNode rule, String... resourceNames) {
        strings(rule.putArray("resourceNames"), List.of(resourceNames));
        return rule;
    }

    static ObjectNode urls(List<String> verbs, String... nonResourceURLs) {
        ObjectNode r = JSON.createObjectNode();
        strings(r.putArray("verbs"), verbs);
        strings(r.putArray("nonResourceURLs"), List.of(nonResourceURLs));
        return r;
    }

    static ObjectNode role(String namespace, String name, ObjectNode... rules) {
        ObjectNode o = object("Role", namespace, name);
        ArrayNode array = o.putArray("rules");
        for (ObjectNode r : rules) {
            array.add(r);
        }
        return o;
    }

    static ObjectNode clusterRole(String name, ObjectNode... rules) {
        ObjectNode o = object("ClusterRole", null, name);
        ArrayNode array = o.putArray("rules");
        for (ObjectNode r : rules) {
            array.add(r);
        }
        return o;
    }

    static ObjectNode roleBinding(String namespace, String name, String roleKind, String roleName,
                                  ObjectNode... subjects) {
        return binding(object("RoleBinding", namespace, name), roleKind, roleName, subjects);
    }

    static ObjectNode clusterRoleBinding(String name, String roleName, ObjectNode... subjects) {
        return binding(object("ClusterRoleBinding", null, name), "ClusterRole", roleName, subjects);
    }

    static ObjectNode user(String name) {
        return subject("User", name, null);
    }

    static ObjectNode group(String name) {
        return subject("Group", name, null);
    }

    static ObjectNode serviceAccount(String namespace, String name) {
        return subject("ServiceAccount", name, namespace);
    }

    private static ObjectNode subject(String kind, String name, String namespace) {
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", kind);
        if (!kind.equals("ServiceAccount")) {
            s.put("apiGroup", "rbac.authorization.k8s.io");
        }
        s.put("name", name);
        if (namespace != null) {
            s.put("namespace", namespace);
        }
        return s;
    }

    private static ObjectNode binding(ObjectNode o, String roleKind, String roleName, ObjectNode... subjects) {
        ArrayNode array = o.putArray("subjects");
        for (ObjectNode s : subjects) {
            array.add(s);
        }
        ObjectNode ref = o.putObject("roleRef");
        ref.put("apiGroup", "rbac.authorization.k8s.io");
        ref.put("kind", roleKind);
        ref.put("name", roleName);
        return o;
    }

    private static ObjectNode object(String kind, String namespace, String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", kind);
        o.put("apiVersion", "rbac.authorization.k8s.io/v1");
        ObjectNode md = o.putObject("metadata");
        md.put("name", name);
        if (namespace != null) {
            md.put("namespace", namespace);
        }
        return o;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
