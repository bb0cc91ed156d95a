package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** RBAC objects held in a list: for tests, and for the bootstrap policy before the store is up. */
final class InMemoryRbacObjects implements RbacObjects {
    private static final Comparator<JsonNode> BY_NAME =
            Comparator.comparing(o -> o.path("metadata").path("name").asText(""));

    private final List<JsonNode> objects;

    InMemoryRbacObjects(Collection<? extends JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    @Override
    public List<JsonNode> roles(String namespace) {
        return select(RbacApi.ROLE, namespace);
    }

    @Override
    public List<JsonNode> roleBindings(String namespace) {
        return select(RbacApi.ROLE_BINDING, namespace);
    }

    @Override
    public List<JsonNode> clusterRoles() {
        return select(RbacApi.CLUSTER_ROLE, null);
    }

    @Override
    public List<JsonNode> clusterRoleBindings() {
        return select(RbacApi.CLUSTER_ROLE_BINDING, null);
    }

    private List<JsonNode> select(String kind, String namespace) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode o : objects) {
            if (kind.equals(o.path("kind").asText())
                    && (namespace == null || namespace.equals(o.path("metadata").path("namespace").asText("")))) {
                out.add(o);
            }
        }
        out.sort(BY_NAME);
        return out;
    }
}
