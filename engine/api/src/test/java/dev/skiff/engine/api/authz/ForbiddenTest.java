package dev.skiff.engine.api.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.api.status.ApiException;
import org.junit.jupiter.api.Test;

class ForbiddenTest {
    private static final UserInfo JANE = UserInfo.of("jane", UserInfo.ALL_AUTHENTICATED);

    @Test
    void namespacedCollectionInTheCoreGroup() {
        assertThat(Forbidden.message(JANE, RequestAttributes.resource("list", "", "pods", "default", ""), ""))
                .isEqualTo("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" "
                        + "in the namespace \"default\"");
    }

    @Test
    void namedObjectInANamedGroup() {
        assertThat(Forbidden.message(UserInfo.serviceAccount("default", "sa"),
                RequestAttributes.resource("get", "apps", "deployments", "default", "web"), ""))
                .isEqualTo("deployments.apps \"web\" is forbidden: User \"system:serviceaccount:default:sa\" "
                        + "cannot get resource \"deployments\" in API group \"apps\" in the namespace \"default\"");
    }

    @Test
    void clusterScope() {
        assertThat(Forbidden.message(JANE, RequestAttributes.resource("list", "", "nodes", "", ""), null))
                .isEqualTo("nodes is forbidden: User \"jane\" cannot list resource \"nodes\" in API group \"\" "
                        + "at the cluster scope");
    }

    @Test
    void subresourceIsNamedWithTheResource() {
        assertThat(Forbidden.message(JANE,
                RequestAttributes.resource("create", "", "pods", "exec", "default", "web-1"), ""))
                .isEqualTo("pods \"web-1\" is forbidden: User \"jane\" cannot create resource \"pods/exec\" "
                        + "in API group \"\" in the namespace \"default\"");
    }

    @Test
    void namespaceItselfIsInItsOwnNamespace() {
        assertThat(Forbidden.message(JANE, RequestAttributes.resource("get", "", "namespaces", "team-a", "team-a"),
                "")).isEqualTo("namespaces \"team-a\" is forbidden: User \"jane\" cannot get resource "
                        + "\"namespaces\" in API group \"\" in the namespace \"team-a\"");
    }

    @Test
    void nonResourcePath() {
        assertThat(Forbidden.message(UserInfo.of("x"), RequestAttributes.nonResource("get", "/metrics"), ""))
                .isEqualTo("forbidden: User \"x\" cannot get path \"/metrics\"");
    }

    @Test
    void reasonIsAppendedAfterAColonUnquoted() {
        assertThat(Forbidden.message(JANE, RequestAttributes.resource("list", "", "pods", "default", ""),
                "RBAC: role.rbac.authorization.k8s.io \"r\" not found"))
                .isEqualTo("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" "
                        + "in the namespace \"default\": RBAC: role.rbac.authorization.k8s.io \"r\" not found");
    }

    @Test
    void anonymousUserIsNamed() {
        assertThat(Forbidden.message(UserInfo.anonymous(), RequestAttributes.nonResource("get", "/api"), ""))
                .isEqualTo("forbidden: User \"system:anonymous\" cannot get path \"/api\"");
    }

    @Test
    void htmlLookalikesAreEscapedAndQuotesAreGoEscaped() {
        assertThat(Forbidden.message(UserInfo.of("a<b>&\"c\""), RequestAttributes.nonResource("get", "/x?<y>"),
                "<kept>")).isEqualTo("forbidden: User \"a&lt;b&gt;&amp;\\\"c\\\"\" cannot get path \"/x?&lt;y&gt;\""
                        + ": <kept>");
    }

    @Test
    void statusCarriesCodeReasonAndDetails() {
        ApiException e = Forbidden.exception(JANE,
                RequestAttributes.resource("get", "apps", "deployments", "default", "web"), new Decision(false, ""));
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.toJson().toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"deployments.apps \\\"web\\\" is forbidden: User \\\"jane\\\" "
                + "cannot get resource \\\"deployments\\\" in API group \\\"apps\\\" in the namespace \\\"default\\\"\","
                + "\"reason\":\"Forbidden\",\"details\":{\"name\":\"web\",\"group\":\"apps\",\"kind\":\"deployments\"},"
                + "\"code\":403}");
    }

    @Test
    void nonResourceStatusHasEmptyDetails() {
        ApiException e = Forbidden.exception(JANE, RequestAttributes.nonResource("get", "/metrics"), "");
        assertThat(e.toJson().get("details").size()).isZero();
        assertThat(e.toJson().get("message").asText())
                .isEqualTo("forbidden: User \"jane\" cannot get path \"/metrics\"");
    }
}
