package dev.skiff.engine.api.authz;

import static dev.skiff.engine.api.authz.Rbac.clusterRole;
import static dev.skiff.engine.api.authz.Rbac.clusterRoleBinding;
import static dev.skiff.engine.api.authz.Rbac.group;
import static dev.skiff.engine.api.authz.Rbac.role;
import static dev.skiff.engine.api.authz.Rbac.roleBinding;
import static dev.skiff.engine.api.authz.Rbac.rule;
import static dev.skiff.engine.api.authz.Rbac.serviceAccount;
import static dev.skiff.engine.api.authz.Rbac.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacAuthorizerTest {
    private static final UserInfo JANE = UserInfo.of("jane", UserInfo.ALL_AUTHENTICATED);
    private static final RequestAttributes LIST_PODS_IN_DEFAULT =
            RequestAttributes.resource("list", "", "pods", "default", "");

    private static Decision authorize(UserInfo user, RequestAttributes request, JsonNode... objects) {
        return RbacAuthorizer.authorize(user, request, RbacObjects.of(List.of(objects)));
    }

    private static JsonNode podReader() {
        return clusterRole("pod-reader", rule(List.of("get", "list", "watch"), List.of(""), List.of("pods")));
    }

    @Test
    void nobodyIsAllowedWithoutBindings() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT, podReader());
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEmpty();
    }

    @Test
    void systemMastersIsAllowedEverythingWithoutAReason() {
        Decision d = authorize(UserInfo.of("admin", UserInfo.SYSTEM_MASTERS, UserInfo.ALL_AUTHENTICATED),
                RequestAttributes.resource("delete", "", "nodes", "", "node-1"));
        assertThat(d).isEqualTo(new Decision(true, ""));
    }

    @Test
    void clusterRoleBindingGrantsInEveryNamespaceAndAtClusterScope() {
        JsonNode[] objects = {podReader(), clusterRoleBinding("jane-reads-pods", "pod-reader", user("jane"))};
        assertThat(authorize(JANE, LIST_PODS_IN_DEFAULT, objects).allowed()).isTrue();
        assertThat(authorize(JANE, RequestAttributes.resource("list", "", "pods", "other", ""), objects).allowed())
                .isTrue();
        assertThat(authorize(JANE, RequestAttributes.resource("list", "", "pods", "", ""), objects).allowed())
                .isTrue();
    }

    @Test
    void allowReasonNamesTheBindingTheRoleAndTheSubject() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT, podReader(),
                clusterRoleBinding("readers", "pod-reader", group("devs"), user("jane")));
        assertThat(d.reason()).isEqualTo(
                "RBAC: allowed by ClusterRoleBinding \"readers\" of ClusterRole \"pod-reader\" to User \"jane\"");
    }

    @Test
    void roleBindingToRoleGrantsOnlyInItsNamespace() {
        JsonNode[] objects = {
            role("default", "pod-reader", rule(List.of("list"), List.of(""), List.of("pods"))),
            roleBinding("default", "jane-pods", "Role", "pod-reader", user("jane"))};
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT, objects);
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(
                "RBAC: allowed by RoleBinding \"jane-pods/default\" of Role \"pod-reader\" to User \"jane\"");
        assertThat(authorize(JANE, RequestAttributes.resource("list", "", "pods", "kube-system", ""), objects)
                .allowed()).isFalse();
    }

    @Test
    void roleBindingToClusterRoleGrantsOnlyInTheBindingsNamespace() {
        JsonNode[] objects = {
            clusterRole("node-and-pod-reader", rule(List.of("list"), List.of(""), List.of("pods", "nodes"))),
            roleBinding("team-a", "jane", "ClusterRole", "node-and-pod-reader", user("jane"))};
        assertThat(authorize(JANE, RequestAttributes.resource("list", "", "pods", "team-a", ""), objects).allowed())
                .isTrue();
        assertThat(authorize(JANE, RequestAttributes.resource("list", "", "pods", "team-b", ""), objects).allowed())
                .isFalse();
        // Cluster-scoped kinds are never reachable through a RoleBinding.
        assertThat(authorize(JANE, RequestAttributes.resource("list", "", "nodes", "", ""), objects).allowed())
                .isFalse();
        // Nor are all-namespace lists.
        assertThat(authorize(JANE, RequestAttributes.resource("list", "", "pods", "", ""), objects).allowed())
                .isFalse();
    }

    @Test
    void roleReferenceResolvesInTheBindingsNamespace() {
        JsonNode[] objects = {
            role("team-b", "pod-reader", rule(List.of("list"), List.of(""), List.of("pods"))),
            roleBinding("team-a", "jane", "Role", "pod-reader", user("jane"))};
        Decision d = authorize(JANE, RequestAttributes.resource("list", "", "pods", "team-a", ""), objects);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("RBAC: role.rbac.authorization.k8s.io \"pod-reader\" not found");
    }

    @Test
    void groupSubjectsMatchAnyGroupOfTheUser() {
        JsonNode[] objects = {podReader(), clusterRoleBinding("all", "pod-reader", group("system:authenticated"))};
        assertThat(authorize(JANE, LIST_PODS_IN_DEFAULT, objects).allowed()).isTrue();
        assertThat(authorize(UserInfo.anonymous(), LIST_PODS_IN_DEFAULT, objects).allowed()).isFalse();
    }

    @Test
    void userSubjectsMatchTheNameNotAGroupOfThatName() {
        JsonNode[] objects = {podReader(), clusterRoleBinding("devs", "pod-reader", user("devs"))};
        assertThat(authorize(UserInfo.of("jane", "devs"), LIST_PODS_IN_DEFAULT, objects).allowed()).isFalse();
    }

    @Test
    void serviceAccountSubjectWithoutNamespaceMeansTheRoleBindingsNamespace() {
        JsonNode[] objects = {podReader(), roleBinding("ci", "builder", "ClusterRole", "pod-reader",
                serviceAccount(null, "builder"))};
        Decision d = authorize(UserInfo.serviceAccount("ci", "builder"),
                RequestAttributes.resource("list", "", "pods", "ci", ""), objects);
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo("RBAC: allowed by RoleBinding \"builder/ci\" of ClusterRole \"pod-reader\""
                + " to ServiceAccount \"builder/ci\"");
        assertThat(authorize(UserInfo.serviceAccount("other", "builder"),
                RequestAttributes.resource("list", "", "pods", "ci", ""), objects).allowed()).isFalse();
    }

    @Test
    void serviceAccountSubjectMayNameAnotherNamespace() {
        JsonNode[] objects = {podReader(), roleBinding("apps", "deployer", "ClusterRole", "pod-reader",
                serviceAccount("ci", "deployer"))};
        assertThat(authorize(UserInfo.serviceAccount("ci", "deployer"),
                RequestAttributes.resource("list", "", "pods", "apps", ""), objects).allowed()).isTrue();
        assertThat(authorize(UserInfo.serviceAccount("apps", "deployer"),
                RequestAttributes.resource("list", "", "pods", "apps", ""), objects).allowed()).isFalse();
    }

    @Test
    void serviceAccountSubjectWithoutNamespaceInAClusterRoleBindingMatchesNobody() {
        JsonNode[] objects = {podReader(), clusterRoleBinding("sa", "pod-reader", serviceAccount(null, "default"))};
        assertThat(authorize(UserInfo.serviceAccount("default", "default"), LIST_PODS_IN_DEFAULT, objects)
                .allowed()).isFalse();
    }

    @Test
    void serviceAccountsAreAlsoTheirGroups() {
        JsonNode[] objects = {podReader(),
            clusterRoleBinding("ci-sas", "pod-reader", group("system:serviceaccounts:ci"))};
        assertThat(authorize(UserInfo.serviceAccount("ci", "any"), LIST_PODS_IN_DEFAULT, objects).allowed())
                .isTrue();
        assertThat(authorize(UserInfo.serviceAccount("prod", "any"), LIST_PODS_IN_DEFAULT, objects).allowed())
                .isFalse();
    }

    @Test
    void serviceAccountIdentityHasKubernetesNameAndGroups() {
        UserInfo sa = UserInfo.serviceAccount("default", "sa");
        assertThat(sa.name()).isEqualTo("system:serviceaccount:default:sa");
        assertThat(sa.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:default",
                "system:authenticated");
    }

    @Test
    void missingRoleIsReportedInTheReasonWhenNothingElseAllows() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT,
                clusterRoleBinding("jane", "gone", user("jane")));
        assertThat(d).isEqualTo(new Decision(false,
                "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found"));
    }

    @Test
    void severalResolutionErrorsAreListedInBracketsOnce() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT,
                clusterRoleBinding("a", "gone", user("jane")),
                clusterRoleBinding("b", "gone", user("jane")),
                roleBinding("default", "c", "Role", "missing", user("jane")));
        assertThat(d.reason()).isEqualTo("RBAC: [clusterrole.rbac.authorization.k8s.io \"gone\" not found, "
                + "role.rbac.authorization.k8s.io \"missing\" not found]");
    }

    @Test
    void bindingsForOtherSubjectsDoNotReportTheirMissingRoles() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT, clusterRoleBinding("bob", "gone", user("bob")));
        assertThat(d.reason()).isEmpty();
    }

    @Test
    void aWorkingBindingAllowsDespiteABrokenOne() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT, podReader(),
                clusterRoleBinding("a-broken", "gone", user("jane")),
                clusterRoleBinding("b-working", "pod-reader", user("jane")));
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).startsWith("RBAC: allowed by ClusterRoleBinding \"b-working\"");
    }

    @Test
    void unsupportedRoleReferenceKindIsReported() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT,
                roleBinding("default", "odd", "Policy", "x", user("jane")));
        assertThat(d.reason()).isEqualTo("RBAC: unsupported role reference kind: \"Policy\"");
    }

    @Test
    void clusterRoleBindingsAreConsultedBeforeRoleBindings() {
        Decision d = authorize(JANE, LIST_PODS_IN_DEFAULT, podReader(),
                roleBinding("default", "aaa", "ClusterRole", "pod-reader", user("jane")),
                clusterRoleBinding("zzz", "pod-reader", user("jane")));
        assertThat(d.reason()).contains("ClusterRoleBinding \"zzz\"");
    }

    @Test
    void nonResourceRequestsAreDecidedByClusterRoleBindingsOnly() {
        JsonNode metrics = clusterRole("metrics", Rbac.urls(List.of("get"), "/metrics"));
        assertThat(authorize(JANE, RequestAttributes.nonResource("get", "/metrics"), metrics,
                clusterRoleBinding("m", "metrics", user("jane"))).allowed()).isTrue();
        assertThat(authorize(JANE, RequestAttributes.nonResource("get", "/metrics"), metrics,
                roleBinding("default", "m", "ClusterRole", "metrics", user("jane"))).allowed()).isFalse();
    }

    @Test
    void aggregationRuleIsNotEvaluated() {
        JsonNode aggregated = Rbac.json("{'kind':'ClusterRole','metadata':{'name':'monitoring'},"
                + "'aggregationRule':{'clusterRoleSelectors':[{'matchLabels':{'x':'true'}}]},'rules':null}");
        JsonNode labelled = Rbac.json("{'kind':'ClusterRole','metadata':{'name':'pods','labels':{'x':'true'}},"
                + "'rules':[{'verbs':['list'],'apiGroups':[''],'resources':['pods']}]}");
        assertThat(authorize(JANE, LIST_PODS_IN_DEFAULT, aggregated, labelled,
                clusterRoleBinding("m", "monitoring", user("jane"))).allowed()).isFalse();
    }

    @Test
    void bootstrapPolicyLetsUsersDiscoverAndCheckTheirAccess() {
        List<JsonNode> objects = new ArrayList<>(BootstrapPolicy.clusterRoles());
        objects.addAll(BootstrapPolicy.clusterRoleBindings());
        RbacObjects rbac = RbacObjects.of(objects);
        for (String path : List.of("/api", "/api/v1", "/apis", "/apis/apps/v1", "/version", "/healthz", "/livez",
                "/readyz", "/openapi/v2", "/openapi/v3/apis/apps/v1")) {
            assertThat(RbacAuthorizer.authorize(JANE, RequestAttributes.nonResource("get", path), rbac).allowed())
                    .as(path).isTrue();
        }
        assertThat(RbacAuthorizer.authorize(JANE, RequestAttributes.nonResource("get", "/metrics"), rbac)
                .allowed()).isFalse();
        assertThat(RbacAuthorizer.authorize(JANE, RequestAttributes.resource("create", "authorization.k8s.io",
                "selfsubjectaccessreviews", "", ""), rbac).allowed()).isTrue();
        assertThat(RbacAuthorizer.authorize(JANE, LIST_PODS_IN_DEFAULT, rbac).allowed()).isFalse();
    }

    @Test
    void bootstrapPolicyShowsAnonymousOnlyPublicInfo() {
        List<JsonNode> objects = new ArrayList<>(BootstrapPolicy.clusterRoles());
        objects.addAll(BootstrapPolicy.clusterRoleBindings());
        RbacObjects rbac = RbacObjects.of(objects);
        UserInfo anonymous = UserInfo.anonymous();
        assertThat(RbacAuthorizer.authorize(anonymous, RequestAttributes.nonResource("get", "/version"), rbac)
                .reason()).isEqualTo("RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of "
                        + "ClusterRole \"system:public-info-viewer\" to Group \"system:unauthenticated\"");
        assertThat(RbacAuthorizer.authorize(anonymous, RequestAttributes.nonResource("get", "/healthz"), rbac)
                .allowed()).isTrue();
        assertThat(RbacAuthorizer.authorize(anonymous, RequestAttributes.nonResource("get", "/api"), rbac)
                .allowed()).isFalse();
        assertThat(RbacAuthorizer.authorize(anonymous, RequestAttributes.resource("create",
                "authorization.k8s.io", "selfsubjectaccessreviews", "", ""), rbac).allowed()).isFalse();
    }

    @Test
    void bootstrapClusterAdminBindingAllowsSystemMastersThroughRbacToo() {
        RbacObjects rbac = RbacObjects.of(List.of(BootstrapPolicy.clusterAdmin(),
                BootstrapPolicy.clusterAdminBinding()));
        // Asking RBAC alone (as a rules review would) finds the cluster-admin binding.
        RuleResolver.Rules rules = RuleResolver.rulesFor(UserInfo.of("root", UserInfo.SYSTEM_MASTERS), "", rbac);
        assertThat(rules.rules()).hasSize(2);
    }
}
