package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where RBAC reads its objects from: Roles, RoleBindings, ClusterRoles and ClusterRoleBindings in their
 * {@code rbac.authorization.k8s.io/v1} JSON form. The engine implements it over its store (or its cache);
 * lists should come back in a stable order (by name), since the first binding that allows is the one
 * named in the decision's reason.
 */
public interface RbacObjects {

    List<JsonNode> roles(String namespace);

    List<JsonNode> roleBindings(String namespace);

    List<JsonNode> clusterRoles();

    List<JsonNode> clusterRoleBindings();

    /** One Role; override when the store can look it up directly. */
    default Optional<JsonNode> role(String namespace, String name) {
        return roles(namespace).stream().filter(r -> nameOf(r).equals(name)).findFirst();
    }

    /** One ClusterRole; override when the store can look it up directly. */
    default Optional<JsonNode> clusterRole(String name) {
        return clusterRoles().stream().filter(r -> nameOf(r).equals(name)).findFirst();
    }

    /** Objects held in memory, sorted out by {@code kind}; other kinds are ignored. */
    static RbacObjects of(Collection<? extends JsonNode> objects) {
        return new InMemoryRbacObjects(objects);
    }

    private static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }
}
