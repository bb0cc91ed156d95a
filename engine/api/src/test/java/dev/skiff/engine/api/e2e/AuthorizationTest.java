package dev.skiff.engine.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RBAC through the real kubectl: service-account tokens, auth can-i, and Kubernetes' 403 text. */
@Tag("e2e")
class AuthorizationTest {
    static TestEngine engine;
    static Kubectl admin;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        admin = engine.kubectl();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void canIAnswersPerUserAndADeniedRequestNamesUserVerbAndResource() {
        admin.run("create", "namespace", "team-a").assertOk();
        admin.run("-n", "team-a", "create", "serviceaccount", "reader").assertOk();
        String token = admin.run("-n", "team-a", "create", "token", "reader").assertOk().out().trim();

        assertThat(admin.run("auth", "can-i", "delete", "deployments", "-n", "team-a").assertOk().out().trim())
                .isEqualTo("yes");
        Kubectl.Result before = admin.run("--token", token, "auth", "can-i", "list", "pods", "-n", "team-a");
        assertThat(before.out().trim()).isEqualTo("no");

        Kubectl.Result denied = admin.run("--token", token, "-n", "team-a", "get", "configmaps");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.err()).contains("configmaps is forbidden: User \"system:serviceaccount:team-a:reader\" "
                + "cannot list resource \"configmaps\" in API group \"\" in the namespace \"team-a\"");

        admin.run("-n", "team-a", "create", "rolebinding", "reader-view", "--clusterrole=view",
                "--serviceaccount=team-a:reader").assertOk();

        assertThat(admin.run("--token", token, "auth", "can-i", "list", "pods", "-n", "team-a").assertOk().out().trim())
                .isEqualTo("yes");
        assertThat(admin.run("-n", "team-a", "get", "rolebindings", "-o", "wide").assertOk().out())
                .contains("ROLE", "SERVICEACCOUNTS", "reader-view", "ClusterRole/view", "team-a:reader");
        assertThat(admin.run("--token", token, "auth", "can-i", "delete", "pods", "-n", "team-a").out().trim())
                .isEqualTo("no");
        assertThat(admin.run("--token", token, "auth", "can-i", "list", "pods", "-n", "default").out().trim())
                .isEqualTo("no");
        admin.run("--token", token, "-n", "team-a", "get", "configmaps").assertOk();
    }

    @Test
    void aTokenStopsWorkingWhenItsServiceAccountIsDeleted() {
        admin.run("create", "namespace", "team-b").assertOk();
        admin.run("-n", "team-b", "create", "serviceaccount", "temp").assertOk();
        String token = admin.run("-n", "team-b", "create", "token", "temp").assertOk().out().trim();
        assertThat(admin.run("--token", token, "auth", "can-i", "list", "pods").exitCode()).isNotNull();

        admin.run("-n", "team-b", "delete", "serviceaccount", "temp").assertOk();

        Kubectl.Result r = admin.run("--token", token, "-n", "team-b", "get", "configmaps");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Unauthorized");
    }
}
