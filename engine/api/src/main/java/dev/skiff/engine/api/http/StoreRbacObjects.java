package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.authz.RbacObjects;
import dev.skiff.engine.store.Store;
import java.util.List;
import java.util.Optional;

/** The RBAC objects the authorizer reads, straight from the store (lists come in name order). */
final class StoreRbacObjects implements RbacObjects {
    private static final String GROUP = "/rbac.authorization.k8s.io/";

    private final Store store;

    StoreRbacObjects(Store store) {
        this.store = store;
    }

    private List<JsonNode> under(String prefix) {
        return store.list(prefix, null, 0, o -> true).items().stream()
                .map(o -> (JsonNode) Json.parseStored(o.value())).toList();
    }

    @Override
    public List<JsonNode> roles(String namespace) {
        return under(GROUP + "roles/" + namespace + "/");
    }

    @Override
    public List<JsonNode> roleBindings(String namespace) {
        return under(GROUP + "rolebindings/" + namespace + "/");
    }

    @Override
    public List<JsonNode> clusterRoles() {
        return under(GROUP + "clusterroles/");
    }

    @Override
    public List<JsonNode> clusterRoleBindings() {
        return under(GROUP + "clusterrolebindings/");
    }

    @Override
    public Optional<JsonNode> role(String namespace, String name) {
        return store.get(GROUP + "roles/" + namespace + "/" + name).map(o -> Json.parseStored(o.value()));
    }

    @Override
    public Optional<JsonNode> clusterRole(String name) {
        return store.get(GROUP + "clusterroles/" + name).map(o -> Json.parseStored(o.value()));
    }
}
