package dev.skiff.engine.api.authz;

import static dev.skiff.engine.api.authz.Rbac.json;
import static dev.skiff.engine.api.authz.Rbac.roleBinding;
import static dev.skiff.engine.api.authz.Rbac.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapPolicyTest {
    private static final UserInfo JANE = UserInfo.of("jane", UserInfo.ALL_AUTHENTICATED);

    private static boolean janeMay(String clusterRole, RequestAttributes request) {
        List<JsonNode> objects = new ArrayList<>(BootstrapPolicy.clusterRoles());
        objects.add(roleBinding("team", "jane", "ClusterRole", clusterRole, user("jane")));
        return RbacAuthorizer.authorize(JANE, request, RbacObjects.of(objects)).allowed();
    }

    private static RequestAttributes in(String verb, String group, String resource) {
        return RequestAttributes.resource(verb, group, resource, "team", "");
    }

    @Test
    void clusterAdminBindingLooksAsInKubernetes() {
        assertThat(BootstrapPolicy.clusterAdminBinding()).isEqualTo(json("{'kind':'ClusterRoleBinding',"
                + "'apiVersion':'rbac.authorization.k8s.io/v1','metadata':{'name':'cluster-admin',"
                + "'labels':{'kubernetes.io/bootstrapping':'rbac-defaults'},"
                + "'annotations':{'rbac.authorization.kubernetes.io/autoupdate':'true'}},"
                + "'subjects':[{'kind':'Group','apiGroup':'rbac.authorization.k8s.io','name':'system:masters'}],"
                + "'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'cluster-admin'}}"));
    }

    @Test
    void clusterAdminMayDoAnything() {
        assertThat(BootstrapPolicy.clusterAdmin().get("rules")).isEqualTo(json("[{'verbs':['*'],'apiGroups':['*'],"
                + "'resources':['*']},{'verbs':['*'],'nonResourceURLs':['*']}]"));
    }

    @Test
    void viewReadsWorkloadsButNotSecretsAndWritesNothing() {
        assertThat(janeMay("view", in("list", "apps", "deployments"))).isTrue();
        assertThat(janeMay("view", in("watch", "", "pods"))).isTrue();
        assertThat(janeMay("view", RequestAttributes.resource("get", "", "pods", "log", "team", "web"))).isTrue();
        assertThat(janeMay("view", in("get", "", "secrets"))).isFalse();
        assertThat(janeMay("view", in("create", "", "configmaps"))).isFalse();
        assertThat(janeMay("view", RequestAttributes.resource("create", "", "pods", "exec", "team", "web")))
                .isFalse();
    }

    @Test
    void editWritesWorkloadsAndSecretsButNotRbac() {
        assertThat(janeMay("edit", in("patch", "apps", "deployments"))).isTrue();
        assertThat(janeMay("edit", RequestAttributes.resource("update", "apps", "deployments", "scale", "team", "w")))
                .isTrue();
        assertThat(janeMay("edit", in("create", "", "secrets"))).isTrue();
        assertThat(janeMay("edit", in("get", "", "secrets"))).isTrue();
        assertThat(janeMay("edit", RequestAttributes.resource("create", "", "pods", "exec", "team", "web"))).isTrue();
        assertThat(janeMay("edit", in("create", "networking.k8s.io", "ingresses"))).isTrue();
        assertThat(janeMay("edit", in("create", "rbac.authorization.k8s.io", "rolebindings"))).isFalse();
        assertThat(janeMay("edit", in("update", "", "resourcequotas"))).isFalse();
    }

    @Test
    void adminAlsoManagesRolesAndBindings() {
        assertThat(janeMay("admin", in("create", "rbac.authorization.k8s.io", "rolebindings"))).isTrue();
        assertThat(janeMay("admin", in("delete", "rbac.authorization.k8s.io", "roles"))).isTrue();
        assertThat(janeMay("admin", in("delete", "apps", "statefulsets"))).isTrue();
        assertThat(janeMay("admin", in("update", "", "resourcequotas"))).isFalse();
    }

    @Test
    void adminEditViewAreNotAggregatedRoles() {
        for (JsonNode role : List.of(BootstrapPolicy.admin(), BootstrapPolicy.edit(), BootstrapPolicy.view())) {
            assertThat(role.has("aggregationRule")).isFalse();
            assertThat(role.get("rules").size()).isPositive();
        }
    }

    @Test
    void everyDefaultRoleIsBoundToAnExistingRole() {
        List<String> roles = BootstrapPolicy.clusterRoles().stream().map(r -> r.at("/metadata/name").asText())
                .toList();
        assertThat(roles).doesNotHaveDuplicates()
                .contains("cluster-admin", "admin", "edit", "view", "system:discovery", "system:public-info-viewer");
        for (JsonNode binding : BootstrapPolicy.clusterRoleBindings()) {
            assertThat(roles).contains(binding.at("/roleRef/name").asText());
        }
    }
}
